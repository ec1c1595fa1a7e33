"""Rate limits for actions that write: sign-in, posting, voting, registering.

Counters live in the default cache (Redis in production, so that every
worker counts together; local memory on the embedded default). Each limit
is a fixed window: at most ``limit`` actions per ``period`` seconds for one
key. The key is the signed-in user's id, or the client address for anonymous
requests.

Use the decorator on a view::

    @rate_limited("idea_post", limit=10, period=60)
    def post_idea(request, ...): ...

or call :func:`hit` inside a service when the view is not the right place.
A refused request gets HTTP 429 with a ``Retry-After`` header and a message
in the active language; htmx requests get the message as a fragment.
"""

import dataclasses
import functools
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# Limits can be tuned per scope without a code change:
# RATE_LIMITS = {"idea_post": (10, 60)} in the settings.
SETTING_NAME = "RATE_LIMITS"


@dataclasses.dataclass(frozen=True)
class RateLimitExceeded(Exception):
    """Raised by :func:`hit` when a key used up its allowance."""

    scope: str
    retry_after: int

    def __str__(self) -> str:
        # Past two minutes, a wait reads better in minutes, rounded up.
        if self.retry_after < 120:
            return ngettext(
                "You have done this too often in a short time. "
                "Please try again in %(count)s second.",
                "You have done this too often in a short time. "
                "Please try again in %(count)s seconds.",
                self.retry_after,
            ) % {"count": self.retry_after}
        minutes = math.ceil(self.retry_after / 60)
        return ngettext(
            "You have done this too often in a short time. "
            "Please try again in %(count)s minute.",
            "You have done this too often in a short time. "
            "Please try again in %(count)s minutes.",
            minutes,
        ) % {"count": minutes}


def client_key(request: HttpRequest) -> str:
    """Return the key a request counts against: its user, or its address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    # Behind a reverse proxy REMOTE_ADDR is the proxy's address unless daphne
    # runs with --proxy-headers, which reads the client's X-Forwarded-For.
    return f"addr:{request.META.get('REMOTE_ADDR', 'unknown')}"


def resolve_limit(scope: str, limit: int, period: int) -> tuple[int, int]:
    """Return the limit and period for ``scope``, overridden by the settings."""
    overrides = getattr(settings, SETTING_NAME, {})
    return tuple(overrides.get(scope, (limit, period)))


def hit(scope: str, key: str, limit: int, period: int) -> None:
    """Count one action for ``key`` in ``scope``; raise when over the limit."""
    limit, period = resolve_limit(scope, limit, period)
    window, elapsed = divmod(time.time(), period)
    window = int(window)
    current_key = f"ratelimit:{scope}:{key}:{window}"
    # A period's count weighs on the next one, so it is kept for two periods.
    timeout = 2 * period + 1
    current = increment(current_key, timeout)
    previous = cache.get(f"ratelimit:{scope}:{key}:{window - 1}") or 0
    # The tolerance keeps float rounding from refusing an action that
    # seconds_until_allowed announced as allowed.
    if previous * (1 - elapsed / period) + current <= limit + 1e-9:
        return
    cancel_count(current_key)
    retry_after = seconds_until_allowed(previous, current - 1, limit, period, elapsed)
    logger.warning(
        "rate limit %s exceeded by %s (%s per %ss allowed, retry in %ss)",
        scope,
        key,
        limit,
        period,
        retry_after,
    )
    raise RateLimitExceeded(scope=scope, retry_after=retry_after)


def increment(cache_key: str, timeout: int) -> int:
    """Add one to the counter at ``cache_key`` and return its new value."""
    # add() is atomic on every backend, so two workers never both start at 0.
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr(), or the cache is down:
        # count from zero.
        cache.add(cache_key, 1, timeout=timeout)
        return 1


def cancel_count(cache_key: str) -> None:
    """Subtract the refused action from the count at ``cache_key``."""
    try:
        cache.decr(cache_key)
    except ValueError:
        # Expired meanwhile, or the cache is down: nothing left to take back.
        pass


def seconds_until_allowed(
    previous: int, current: int, limit: int, period: int, elapsed: float
) -> int:
    """Return the whole seconds to wait before one more action is allowed.

    ``previous`` and ``current`` are the counted actions of the previous and
    the current period; ``elapsed`` is how far the current period has run.
    """
    # Later in the current period, the previous period weighs less.
    room = limit - current - 1
    if room >= 0 and previous > 0:
        allowed_at = period * (1 - room / previous)
        return whole_seconds(allowed_at - elapsed)
    # In the next period, the current one takes the previous one's place.
    allowed_at = period * max(0.0, 1 - (limit - 1) / current) if current else 0.0
    return whole_seconds(period - elapsed + allowed_at)


def whole_seconds(wait: float) -> int:
    """Round ``wait`` up to whole seconds, at least one.

    The tolerance keeps a rounding error such as 30.000000000000004 from
    adding a second.
    """
    return max(1, math.ceil(wait - 1e-9))


def too_many_requests(request: HttpRequest, error: RateLimitExceeded) -> HttpResponse:
    """Render the 429 answer for ``error``: a page, or a fragment for htmx."""
    template = (
        "includes/rate_limited_fragment.html"
        if getattr(request, "htmx", False)
        else "rate_limited.html"
    )
    body = render_to_string(template, {"message": str(error)}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def rate_limited(scope: str, limit: int, period: int, methods=("POST",)):
    """Decorate a view so that ``methods`` requests count against a limit."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                try:
                    hit(scope, client_key(request), limit, period)
                except RateLimitExceeded as error:
                    return too_many_requests(request, error)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
