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
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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
        return _(
            "You have done this too often in a short time. "
            "Please try again in %(seconds)s seconds."
        ) % {"seconds": self.retry_after}


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
    window = int(time.time() // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    # add() is atomic on every backend, so two workers never both start at 0.
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The entry expired between add() and incr(): this is a new window.
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        retry_after = max(1, int(period - time.time() % period))
        logger.warning(
            "rate limit %s exceeded by %s (%s > %s per %ss)",
            scope,
            key,
            count,
            limit,
            period,
        )
        raise RateLimitExceeded(scope=scope, retry_after=retry_after)


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
