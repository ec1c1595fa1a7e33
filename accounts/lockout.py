"""Pause sign-in after repeated failures, per account and per client address.

Counters live in the default cache (Redis in production, so every worker
counts together). A window starts at the first failure and lasts
``SIGN_IN_LOCKOUT["SECONDS"]``; a successful sign-in clears the account's
counter but not the address's. Unknown e-mail addresses are counted like
known ones, so the lockout reveals nothing about which accounts exist.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from cms.ratelimit import increment

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "") or ""


def account_cache_key(email: str) -> str:
    # Hashed, so that the cache holds no e-mail address in clear.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"signin-lockout:account:{digest}"


def address_cache_key(address: str) -> str:
    return f"signin-lockout:address:{address}"


def counted_keys(request, email: str) -> list[tuple[str, int]]:
    """Return the cache keys that count failures for this attempt, with limits."""
    config = settings.SIGN_IN_LOCKOUT
    keys = [(account_cache_key(email), config["ACCOUNT_FAILURES"])]
    address = client_address(request)
    if address:
        keys.append((address_cache_key(address), config["ADDRESS_FAILURES"]))
    return keys


def is_locked(request, email: str) -> bool:
    """Whether sign-in is paused for this e-mail address or this client."""
    return any(
        (cache.get(key) or 0) >= limit for key, limit in counted_keys(request, email)
    )


def record_failure(request, email: str) -> None:
    """Count one failed sign-in for the e-mail address and the client."""
    timeout = settings.SIGN_IN_LOCKOUT["SECONDS"]
    for key, limit in counted_keys(request, email):
        # add() sets the window's expiry and incr() keeps it.
        count = increment(key, timeout)
        if count == limit:
            logger.warning("sign-in locked for %s after %s failures", key, count)


def clear_account(email: str) -> None:
    cache.delete(account_cache_key(email))
