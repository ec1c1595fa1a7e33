"""Settings for the test suite: fast hashing, and the same database and
channel-layer choice as the environment (SQLite and in-memory by default,
PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)."""

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
