"""Several daphne workers sharing one PostgreSQL database and one Redis.

The workers serve a seeded copy of the site, as the browser tests do, with
``tests.browser.server``; here the database and the Redis server belong to
the caller, so a test can restart Redis or stop one worker while the others
keep serving.
"""

import contextlib
import json
import logging
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import psycopg

from tests.browser.server import (
    COMMAND_TIMEOUT_SECONDS,
    PROJECT_ROOT,
    DaphneServer,
    build_site_environment,
    describe_site,
    drop_postgres_database,
    recreate_postgres_database,
    run_manage,
)

logger = logging.getLogger(__name__)

VOTER_PASSWORD = "cluster-voter-password"  # noqa: S105 - test accounts only

# Run inside the site's environment by ``manage.py shell``: creates the
# voters, signs each one in with a session of its own, and prints the
# session keys and the ids of the board's ideas as JSON.
SESSION_SCRIPT = """
import json, sys
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from ideation.models import Idea, IdeaBoardPage

count, password, board_key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
minimum_ideas = int(sys.argv[4])
User = get_user_model()
sessions = []
for index in range(count):
    email = f"voter{index:04d}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
board = IdeaBoardPage.objects.get(translation_key=board_key, locale__language_code="fr")
existing = Idea.objects.visible().for_board(board_key).count()
author = User.objects.order_by("pk").first()
for number in range(existing, minimum_ideas):
    title = f"Idée de charge {number}"
    Idea.objects.create(board_key=board_key, author=author, title=title, language="fr")
ideas = list(Idea.objects.visible().for_board(board_key).values_list("pk", flat=True))
print(json.dumps({"sessions": sessions, "board_id": board.pk, "ideas": ideas}))
"""


@dataclass
class Cluster:
    """Running workers, the environment they share, and the seeded board."""

    environment: dict[str, str]
    work_dir: Path
    workers: list[DaphneServer]
    board_key: str
    board_id: int
    idea_ids: list[int]
    paths: dict[str, dict[str, str]]
    voter_sessions: list[str] = field(default_factory=list)

    @property
    def base_urls(self) -> list[str]:
        return [worker.base_url for worker in self.workers]

    def board_socket_url(self, worker: int) -> str:
        base = self.workers[worker].base_url.replace("http://", "ws://")
        return f"{base}/ws/lab/boards/{self.board_key}/"

    def add_worker(self) -> DaphneServer:
        index = len(self.workers)
        worker = DaphneServer(self.environment, self.work_dir / f"daphne-{index}.log")
        self.workers.append(worker)
        worker.wait_until_healthy()
        return worker

    def read_vote_counts(self) -> dict[int, tuple[int, int]]:
        """Return, per idea of the board, its stored count and a recount of votes."""
        return read_vote_counts(self.environment["DATABASE_URL"], self.board_key)


def read_vote_counts(database_url: str, board_key: str) -> dict[int, tuple[int, int]]:
    config = dj_database_url.parse(database_url)
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
    ) as connection:
        rows = connection.execute(
            "SELECT idea.id, idea.vote_count, COUNT(vote.id) "
            "FROM ideation_idea AS idea "
            "LEFT JOIN ideation_vote AS vote ON vote.idea_id = idea.id "
            "WHERE idea.board_key = %s GROUP BY idea.id, idea.vote_count",
            [board_key],
        ).fetchall()
    return {idea_id: (stored, recount) for idea_id, stored, recount in rows}


def create_voter_sessions(
    environment: dict[str, str],
    board_key: str,
    count: int,
    log_path: Path,
    minimum_ideas: int = 0,
) -> dict:
    """Create ``count`` voters with a signed-in session each, and ideas up to
    ``minimum_ideas``; see SESSION_SCRIPT."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            f"import sys; sys.argv = ['', '{count}', '{VOTER_PASSWORD}', "
            f"'{board_key}', '{minimum_ideas}']\n{SESSION_SCRIPT}",
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    with log_path.open("a") as log_file:
        log_file.write(f"$ create voters\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise RuntimeError(f"creating voters failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def serve_cluster(
    work_dir: Path,
    database_url: str,
    redis_url: str,
    *,
    workers: int = 2,
    voters: int = 0,
    minimum_ideas: int = 0,
) -> Iterator[Cluster]:
    """Create, migrate and seed a PostgreSQL database, then start the workers."""
    environment = build_site_environment(work_dir)
    environment["DATABASE_URL"] = database_url
    environment["REDIS_URL"] = redis_url
    environment["CHANNELS_PREFIX"] = f"ops-{secrets.token_hex(4)}"
    setup_log = work_dir / "setup.log"
    recreate_postgres_database(database_url)
    cluster = None
    try:
        run_manage(environment, setup_log, "migrate", "--noinput")
        run_manage(environment, setup_log, "seed_demo")
        description = describe_site(environment, setup_log)
        seeded = create_voter_sessions(
            environment, description["board_key"], voters, setup_log, minimum_ideas
        )
        cluster = Cluster(
            environment=environment,
            work_dir=work_dir,
            workers=[],
            board_key=description["board_key"],
            board_id=seeded["board_id"],
            idea_ids=seeded["ideas"],
            paths=description["paths"],
            voter_sessions=seeded["sessions"],
        )
        for _index in range(workers):
            cluster.add_worker()
        yield cluster
    finally:
        if cluster is not None:
            for worker in cluster.workers:
                worker.stop()
        drop_postgres_database(database_url)
