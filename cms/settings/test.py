"""Settings for the test suite: fast hashing, and the same database and
channel-layer choice as the environment (SQLite and in-memory by default,
PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)."""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from cms import env

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# A file-backed SQLite test database, because the shared in-memory one reports
# "database table is locked" to concurrent threads instead of waiting.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(env.VAR_DIR / "test-db.sqlite3")
    }

# Each async test runs on a new event loop, whose executor threads end with
# it. A pooled connection that such a thread never closed stays checked out,
# so the pool ran dry after a few WebSocket tests (PoolTimeout). Without the
# pool, a connection closes with its thread. Production keeps the pool.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"].pop("pool", None)  # noqa: F405

# pytest-xdist runs the suite in several processes (gw0, gw1, ...). Each one
# gets a Redis database of its own, because cache.clear() empties a whole
# database, channel groups included. The servers that browser tests start
# inherit PYTEST_XDIST_WORKER, so they land in their worker's database too.
REDIS_DATABASES = 16  # Redis's default "databases" setting


def redis_url_for_worker(url: str, worker: str) -> str:
    """Return ``url`` moved to the database after its own plus the worker's
    number: gw0 of redis://host/0 gets redis://host/1."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = base + 1 + int(worker.removeprefix("gw"))
    if database >= REDIS_DATABASES:
        raise ImproperlyConfigured(
            f"pytest-xdist worker {worker} needs Redis database {database} "
            f"after REDIS_URL={url!r}: use fewer workers or a lower database."
        )
    return urlunsplit(parts._replace(path=f"/{database}"))


XDIST_WORKER = env.os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    MEDIA_ROOT = env.VAR_DIR / f"media-{XDIST_WORKER}"
    if redis_url := env.os.environ.get("REDIS_URL", ""):
        worker_redis_url = redis_url_for_worker(redis_url, XDIST_WORKER)
        CHANNEL_LAYERS = env.get_channel_layers(worker_redis_url)
        CACHES = env.get_cache(worker_redis_url)
