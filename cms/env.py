"""Read the deployment configuration from the environment.

Every setting that differs between machines is read here and nowhere else, so
one file lists what an operator can set. The defaults run the embedded
configuration: a SQLite file under ``var/`` and the in-memory channel layer.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SMARTCORNER_VAR_DIR", BASE_DIR / "var"))

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def get_bool(name: str, default: bool) -> bool:
    """Parse a boolean variable, rejecting values that are neither true nor false."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is invalid: use one of {sorted(TRUE_VALUES | FALSE_VALUES)}."
    )


def get_list(name: str, default: list[str]) -> list[str]:
    """Parse a comma-separated variable into a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def get_secret_key(required: bool) -> str:
    """Return SECRET_KEY, or a fixed development key when it is not required."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if required:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing: set it to a long random string, for example "
            "the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    return "dev-only-insecure-key-do-not-use-in-production"


# Seconds a thread keeps its SQLite connection between requests.
SQLITE_CONN_MAX_AGE = 600


def get_database(sqlite_name: str = "db.sqlite3") -> dict:
    """Return the default database: DATABASE_URL when set, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / sqlite_name}"
    config = dj_database_url.parse(url, conn_max_age=0)
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # Request threads live long (cms/request_threads.py), so each keeps
        # its SQLite connection instead of opening one per request.
        config["CONN_MAX_AGE"] = SQLITE_CONN_MAX_AGE
        config["CONN_HEALTH_CHECKS"] = True
        # WAL lets readers continue while one writer holds the lock. IMMEDIATE
        # takes the write lock when a transaction starts, so a check-then-write
        # (capacity, one vote per person) cannot interleave with another
        # writer; the busy timeout makes a second writer wait instead of
        # failing at once with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON;"
            ),
        }
    elif engine == "django.db.backends.postgresql":
        # Under ASGI, persistent connections leak across threads; the psycopg
        # pool reuses connections safely with CONN_MAX_AGE = 0.
        config["OPTIONS"] = {"pool": {"min_size": 1, "max_size": 20, "timeout": 10}}
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses the unsupported engine {engine!r}: "
            "use postgres://… or sqlite:///…"
        )
    return config


# Messages a worker's channel may hold before the layer drops new ones. Both
# layers keep 100 by default and drop the rest without an error. A hub that
# spends a few seconds writing to its sockets at 20 votes/s would then lose
# board messages, and every client of the process would fetch the board
# again. 5,000 messages take about 10 MB at most (estimate: 2 KB each).
CHANNEL_CAPACITY = 5000


def get_channel_layers(redis_url: str | None = None) -> dict:
    """Return CHANNEL_LAYERS: Redis when REDIS_URL is set, else in memory.

    The in-memory layer only reaches consumers of the same process, so a
    deployment with several ASGI workers must set REDIS_URL.
    """
    url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
    if not url:
        return {
            "default": {
                "BACKEND": "cms.channel_layers.LocalChannelLayer",
                "CONFIG": {"capacity": CHANNEL_CAPACITY},
            }
        }
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # The channels of one process share one Redis list, so this
                # is the capacity of the whole process, hub included. A
                # per-prefix capacity would need the hub on a prefix of its
                # own, which channels-redis does not read while another
                # channel of the process waits for a message.
                "capacity": CHANNEL_CAPACITY,
                "hosts": [
                    {
                        "address": url,
                        # redis-py 8 raises instead of waiting once its asyncio
                        # pool reaches max_connections (100 by default), which
                        # fails a burst of WebSocket connections.
                        "max_connections": 1000,
                        # channels-redis blocks 5 s on a read; a socket timeout
                        # equal to that (redis-py 8 default) kills idle consumers.
                        "socket_timeout": 10,
                    }
                ],
                "prefix": os.environ.get("CHANNELS_PREFIX", "smartcorner"),
            },
        }
    }


def get_cache(redis_url: str | None = None) -> dict:
    """Return CACHES: Redis when REDIS_URL is set, else local memory."""
    url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                # Django's default of 300 entries is less than one board's
                # cached idea cards, and culling then evicts the page's other
                # fragments on every request.
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        }
    return {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "smartcorner"),
        }
    }


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def get_tasks(default: str) -> dict:
    """Return TASKS from TASK_BACKEND (immediate or database)."""
    name = os.environ.get("TASK_BACKEND", default).strip().lower()
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASK_BACKEND={name!r} is invalid: use one of {sorted(TASK_BACKENDS)}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


def get_int(name: str, default: int, minimum: int = 0) -> int:
    """Parse an integer variable, rejecting values that are not whole numbers."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is invalid: use a whole number."
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is invalid: use {minimum} or more.")
    return value


def get_oidc() -> dict:
    """Return the OpenID Connect client settings for staff single sign-on.

    Single sign-on is off while OIDC_ISSUER is empty; local accounts work
    either way. The issuer must be written exactly as the provider publishes
    it in its discovery document (trailing slash included or not).
    """
    return {
        "ISSUER": os.environ.get("OIDC_ISSUER", "").strip(),
        "CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", "").strip(),
        "CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", ""),
        "SCOPES": os.environ.get("OIDC_SCOPES", "openid email profile").split(),
        # Empty: any domain that the provider vouches for.
        "ALLOWED_EMAIL_DOMAINS": [
            domain.lower().lstrip("@")
            for domain in get_list("OIDC_ALLOWED_EMAIL_DOMAINS", [])
        ],
        "PROVIDER_NAME": os.environ.get("OIDC_PROVIDER_NAME", "").strip(),
        "CREATE_USERS": get_bool("OIDC_CREATE_USERS", default=True),
        "ACR_VALUES": os.environ.get("OIDC_ACR_VALUES", "").strip(),
        # Empty: chosen from the provider's discovery document.
        "TOKEN_AUTH_METHOD": os.environ.get("OIDC_TOKEN_AUTH_METHOD", "").strip(),
        "TIMEOUT": get_int("OIDC_TIMEOUT", 10, minimum=1),
    }
