"""Version counters kept in the cache, for keys of cached page fragments.

A fragment whose key contains a version is never deleted: bumping the
version makes every worker build new keys, because the counter lives in the
shared cache (Redis in production) and not in a process.

A missing counter (evicted, or Redis restarted) starts again from the clock
in nanoseconds, a value never used before, so fragments cached under an older
value cannot come back.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def get_version(key: str) -> int | None:
    """Return the counter ``key``, or None when the cache fails."""
    try:
        version = cache.get(key)
        if version is None:
            cache.add(key, time.time_ns(), timeout=None)
            version = cache.get(key)
    except Exception:  # noqa: BLE001 - any cache failure disables caching
        logger.exception("cache versions: reading %s failed", key)
        return None
    return version


def bump_version(key: str) -> None:
    """Increase the counter ``key``, so that fragments keyed on it are rebuilt."""
    try:
        cache.incr(key)
    except ValueError:
        # incr raises ValueError for a missing key.
        cache.add(key, time.time_ns(), timeout=None)
    except Exception:  # noqa: BLE001 - the fragments expire on their own
        logger.exception("cache versions: bumping %s failed", key)


def get_versions(*keys: str) -> dict[str, int] | None:
    """Return the counters ``keys`` read with one cache request when all exist.

    Returns None when the cache fails.
    """
    try:
        versions = cache.get_many(keys)
    except Exception:  # noqa: BLE001 - any cache failure disables caching
        logger.exception("cache versions: reading %s failed", ", ".join(keys))
        return None
    for key in keys:
        if key not in versions:
            version = get_version(key)
            if version is None:
                return None
            versions[key] = version
    return versions
