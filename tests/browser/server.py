"""A seeded copy of Smart Corner served by daphne for the browser tests.

The served site gets a database of its own: a SQLite file in a temporary folder
by default, or a PostgreSQL database beside the test database when
DATABASE_URL is set. pytest-django's test database wraps tests in transactions
and flushes it, and daphne runs in other processes that only see committed
rows, so the two are kept apart. With REDIS_URL set, two daphne processes
share the Redis channel layer, so a test can prove that a change made through
one process reaches a browser connected to the other.
"""

import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_ROOT / "tests" / "artifacts"
SERVER_SETTINGS = "tests.browser.settings"
# Time allowed to migrate or seed the database, and for daphne to answer.
COMMAND_TIMEOUT_SECONDS = 600
SERVER_START_TIMEOUT_SECONDS = 60
LOG_TAIL_LINES = 40


@dataclass
class SiteUnderTest:
    """A running copy of the site: its servers and the paths of its pages."""

    base_urls: list[str]
    # Page kind ("home", "board", "event") -> language code -> path.
    paths: dict[str, dict[str, str]]
    board_key: str
    # Environment of the served processes, for a test that runs a script
    # against the same database.
    environment: dict[str, str] = field(default_factory=dict)

    def url(self, kind: str, language: str, server: int = 0) -> str:
        """Return the absolute URL of a seeded page on one of the servers."""
        return self.base_urls[server] + self.paths[kind][language]


def find_free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_log_tail(log_path: Path) -> str:
    """Return the last lines of a subprocess log, for error messages."""
    if not log_path.exists():
        return "(no log written)"
    lines = log_path.read_text(errors="replace").splitlines()
    return "\n".join(lines[-LOG_TAIL_LINES:])


def build_postgres_url(test_url: str, database: str) -> str:
    """Return test_url with its database name replaced."""
    parts = urlsplit(test_url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def run_postgres_statements(url: str, *statements: str) -> None:
    """Run statements about the database named in url, from the postgres database.

    Each statement is a template whose ``{}`` is replaced by the quoted name.
    """
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    connection = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with connection:
        name = sql.Identifier(config["NAME"])
        for statement in statements:
            connection.execute(sql.SQL(statement).format(name))


def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in url."""
    run_postgres_statements(
        url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}"
    )


def drop_postgres_database(url: str) -> None:
    """Drop the database named in url."""
    run_postgres_statements(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def build_site_environment(work_dir: Path) -> dict[str, str]:
    """Return the environment of every process that serves the site under test."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    environment = dict(os.environ)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
            # SQLite database, static files and media go to the temporary folder.
            "SMARTCORNER_VAR_DIR": str(work_dir / "var"),
            "PYTHONUNBUFFERED": "1",
            # Keys in a shared Redis must not meet those of a dev server or of
            # another test run.
            "CHANNELS_PREFIX": f"browser-tests-{os.getpid()}-{worker}",
            "CACHE_PREFIX": f"browser-tests-{os.getpid()}-{worker}",
        }
    )
    test_database_url = os.environ.get("DATABASE_URL", "")
    if test_database_url:
        base_name = dj_database_url.parse(test_database_url)["NAME"]
        environment["DATABASE_URL"] = build_postgres_url(
            test_database_url, f"{base_name}_browser_{worker}"
        )
    return environment


def run_manage(environment: dict[str, str], log_path: Path, *arguments: str) -> str:
    """Run a manage.py command for the site under test and return its output.

    Raises RuntimeError with the end of the command's output when it fails.
    """
    command = [sys.executable, "manage.py", *arguments]
    logger.info("running %s", " ".join(command))
    result = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    with log_path.open("a") as log_file:
        log_file.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise RuntimeError(
            f"`manage.py {' '.join(arguments)}` failed with exit code "
            f"{result.returncode} for the browser-test site:\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def describe_site(environment: dict[str, str], log_path: Path) -> dict:
    """Return the seeded page paths and board key printed by describe_site."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.browser.describe_site"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    with log_path.open("a") as log_file:
        log_file.write(f"$ describe_site\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise RuntimeError(
            "Reading the seeded pages failed (is seed_demo complete?):\n"
            f"{result.stderr[-3000:]}"
        )
    return json.loads(result.stdout)


class DaphneServer:
    """One daphne process serving cms.asgi on a free port of 127.0.0.1."""

    def __init__(self, environment: dict[str, str], log_path: Path) -> None:
        self.port = find_free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        daphne = Path(sys.executable).with_name("daphne")
        command = [str(daphne), "-b", "127.0.0.1", "-p", str(self.port)]
        # cms.asgi plus media files, which DEBUG = False leaves unserved.
        command.append("tests.browser.asgi:application")
        with log_path.open("w") as log_file:
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                command,
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        logger.info("started daphne %s on %s", self.process.pid, self.base_url)

    def wait_until_healthy(self) -> None:
        """Poll /healthz until it answers 200; raise with the log on failure."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"daphne on port {self.port} exited with code "
                    f"{self.process.returncode} before answering /healthz:\n"
                    f"{read_log_tail(self.log_path)}"
                )
            try:
                with urllib.request.urlopen(  # noqa: S310 - local test server
                    f"{self.base_url}/healthz", timeout=5
                ) as response:
                    if response.status == 200:
                        return
                    last_error = f"HTTP {response.status}"
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last_error = str(error)
            time.sleep(0.2)
        raise RuntimeError(
            f"daphne on port {self.port} did not answer /healthz with 200 within "
            f"{SERVER_START_TIMEOUT_SECONDS} s (last error: {last_error}):\n"
            f"{read_log_tail(self.log_path)}"
        )

    def stop(self) -> None:
        """Stop the process, killing it when it ignores SIGTERM for 10 s."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            logger.warning("daphne %s ignored SIGTERM; killing it", self.process.pid)
            self.process.kill()
            self.process.wait(timeout=10)


@contextlib.contextmanager
def serve_seeded_site(work_dir: Path) -> Iterator[SiteUnderTest]:
    """Create, migrate and seed a database, then serve it with daphne.

    Starts two daphne processes when REDIS_URL is set (they share groups
    through Redis) and one otherwise (the in-memory layer serves one process).
    """
    environment = build_site_environment(work_dir)
    setup_log = work_dir / "setup.log"
    database_url = environment.get("DATABASE_URL", "")
    if database_url:
        recreate_postgres_database(database_url)
    servers: list[DaphneServer] = []
    try:
        run_manage(environment, setup_log, "migrate", "--noinput")
        run_manage(environment, setup_log, "seed_demo")
        # DEBUG is off in the test settings, so WhiteNoise serves the
        # collected files only, as in production.
        run_manage(environment, setup_log, "collectstatic", "--noinput", "-v", "0")
        description = describe_site(environment, setup_log)

        server_count = 2 if environment.get("REDIS_URL") else 1
        for index in range(server_count):
            servers.append(DaphneServer(environment, work_dir / f"daphne-{index}.log"))
        for server in servers:
            server.wait_until_healthy()

        yield SiteUnderTest(
            base_urls=[server.base_url for server in servers],
            paths=description["paths"],
            board_key=description["board_key"],
            environment=environment,
        )
    finally:
        for server in servers:
            server.stop()
        if database_url:
            drop_postgres_database(database_url)
