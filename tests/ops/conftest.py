"""Fixtures of the operations tests: services of the test's own, and workers."""

import os
import shutil

import dj_database_url
import pytest

from tests.browser.server import build_postgres_url

from .services import REDIS_SERVER


def postgres_url_for(database: str) -> str:
    """Return DATABASE_URL with another database name, or skip without PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")
    base_name = dj_database_url.parse(url)["NAME"]
    # pytest-xdist workers may run tests of one module side by side.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return build_postgres_url(url, f"{base_name}_{database}_{worker}")


@pytest.fixture
def redis_server_binary() -> str:
    if shutil.which(REDIS_SERVER) is None:
        pytest.skip(f"{REDIS_SERVER} is missing: install the redis-server package")
    return REDIS_SERVER
