"""A worker that loses Redis or PostgreSQL reports 503, then recovers alone.

Each test starts a daphne worker whose Redis is a redis-server of the test's
own and, for PostgreSQL, whose database is reached through a TCP proxy of
the test's own. Stopping that server or that proxy is an outage for this
worker only; the shared servers on 6379 and 5432 keep running.
"""

from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import pytest

from tests.browser.server import (
    DaphneServer,
    build_site_environment,
    drop_postgres_database,
    recreate_postgres_database,
)

from .conftest import postgres_url_for
from .health import wait_for_health_status
from .services import running_proxy, running_redis

# Seconds allowed for a worker to notice an outage, and to recover from it.
# Each check gives up after 3 s, and the pools reconnect on the next request.
OUTAGE_SEEN_WITHIN_SECONDS = 30
RECOVERY_WITHIN_SECONDS = 60


@pytest.fixture
def redis_server(tmp_path, redis_server_binary):
    with running_redis(tmp_path / "redis.log") as server:
        yield server


def replace_host(url: str, port: int) -> str:
    """Return url pointing at 127.0.0.1:port, keeping user, password and path."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


def start_worker(environment, log_path) -> DaphneServer:
    worker = DaphneServer(environment, log_path)
    try:
        worker.wait_until_healthy()
    except BaseException:
        worker.stop()
        raise
    return worker


def test_healthz_recovers_after_redis_restart(tmp_path, redis_server):
    environment = build_site_environment(tmp_path)
    # A SQLite file in tmp_path: this test takes only Redis away.
    environment.pop("DATABASE_URL", None)
    environment["REDIS_URL"] = redis_server.url
    worker = start_worker(environment, tmp_path / "daphne.log")
    try:
        redis_server.stop()
        down = wait_for_health_status(worker.base_url, 503, OUTAGE_SEEN_WITHIN_SECONDS)
        redis_server.start()
        up = wait_for_health_status(worker.base_url, 200, RECOVERY_WITHIN_SECONDS)
        still_running = worker.process.poll() is None
    finally:
        worker.stop()

    assert down["status"] == "error"
    assert down["checks"]["channel_layer"]["status"] == "error"
    assert down["checks"]["channel_layer"]["reason"]
    assert down["checks"]["cache"]["status"] == "error"
    assert down["checks"]["database"] == {"status": "ok"}
    assert up["checks"] == {
        "database": {"status": "ok"},
        "channel_layer": {"status": "ok"},
        "cache": {"status": "ok"},
    }
    assert still_running


def test_healthz_recovers_after_database_outage(tmp_path, redis_server):
    database_url = postgres_url_for("ops_health")
    recreate_postgres_database(database_url)
    config = dj_database_url.parse(database_url)
    try:
        with running_proxy(config["HOST"], int(config["PORT"] or 5432)) as proxy:
            environment = build_site_environment(tmp_path)
            environment["REDIS_URL"] = redis_server.url
            environment["DATABASE_URL"] = replace_host(database_url, proxy.port)
            worker = start_worker(environment, tmp_path / "daphne.log")
            try:
                proxy.stop()
                down = wait_for_health_status(
                    worker.base_url, 503, OUTAGE_SEEN_WITHIN_SECONDS
                )
                proxy.start()
                up = wait_for_health_status(
                    worker.base_url, 200, RECOVERY_WITHIN_SECONDS
                )
                still_running = worker.process.poll() is None
            finally:
                worker.stop()
    finally:
        drop_postgres_database(database_url)

    assert down["status"] == "error"
    assert down["checks"]["database"]["status"] == "error"
    assert down["checks"]["database"]["reason"]
    assert down["checks"]["channel_layer"] == {"status": "ok"}
    assert up["checks"]["database"] == {"status": "ok"}
    assert still_running
