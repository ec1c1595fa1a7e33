"""Site-wide views: health check, search and the sitemap page."""

import asyncio
import logging
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, Page

from .models import get_board_urls

logger = logging.getLogger(__name__)


HEALTH_CHECK_TIMEOUT_SECONDS = 3


def _check_database() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # Closing hands the connection back to the pool, which drops it when
        # the server went away, so the next check opens a fresh one. Without
        # this, a thread could keep a dead connection and fail forever.
        connection.close()


async def _check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("CHANNEL_LAYERS has no default layer")
    # The default prefix puts the channel on this process's receive loop:
    # with channels-redis, a channel of another prefix is never read while a
    # consumer of the process is receiving, so the check timed out.
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError(f"channel layer returned {message!r}")


def _check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=HEALTH_CHECK_TIMEOUT_SECONDS * 2)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError(f"cache returned {value!r} for a key just written")


async def _check_database_async() -> None:
    # A thread of its own: a check stuck on a dead server must not hold the
    # thread that serves the other synchronous views.
    await sync_to_async(_check_database, thread_sensitive=False)()


async def _check_cache_async() -> None:
    await sync_to_async(_check_cache, thread_sensitive=False)()


# Name of each check -> (coroutine function, reason shown when it fails).
HEALTH_CHECKS = {
    "database": (
        _check_database_async,
        "The database did not answer SELECT 1.",
    ),
    "channel_layer": (
        _check_channel_layer,
        "The channel layer did not deliver a test message to this worker.",
    ),
    "cache": (
        _check_cache_async,
        "The cache did not return a test key that was just written.",
    ),
}


async def run_health_check(name: str) -> dict:
    """Run one check with a time limit and return its status for /healthz.

    The error class and a fixed reason go into the response; the exception
    itself goes to the log only, because /healthz is public and an error
    message can name hosts or users.
    """
    check, reason = HEALTH_CHECKS[name]
    try:
        await asyncio.wait_for(check(), timeout=HEALTH_CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        logger.exception(
            "health check %s timed out after %s s", name, HEALTH_CHECK_TIMEOUT_SECONDS
        )
        return {
            "status": "error",
            "error": "TimeoutError",
            "reason": f"{reason} No answer within {HEALTH_CHECK_TIMEOUT_SECONDS} s.",
        }
    except Exception as error:  # noqa: BLE001 - any failure is reported
        logger.exception("health check %s failed", name)
        return {"status": "error", "error": type(error).__name__, "reason": reason}
    return {"status": "ok"}


async def healthz(request):
    """Report the state of the database, channel layer and cache as JSON.

    Answers 200 when every check passes and 503 when one fails. Each request
    checks again with fresh connections from the pools, so a worker reports
    healthy again as soon as the service is back, without a restart.
    """
    names = list(HEALTH_CHECKS)
    results = await asyncio.gather(*(run_health_check(name) for name in names))
    checks = dict(zip(names, results, strict=True))
    healthy = all(check["status"] == "ok" for check in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
    # A proxy or browser must never answer a health probe from its cache.
    add_never_cache_headers(response)
    return response


SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_MAX_IDEAS = 20


def clean_search_query(raw: str) -> str:
    """Return ``raw`` cut to the maximum length, without quotes or controls.

    Double quotes are search syntax for SQLite's full-text index (an
    unmatched one is an error there), and control characters never belong in
    a query, so both become spaces.
    """
    cleaned = "".join(
        " " if character == '"' or not character.isprintable() else character
        for character in raw[:SEARCH_QUERY_MAX_LENGTH]
    )
    return " ".join(cleaned.split())


SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    """Search the live pages and the visible ideas of the active language.

    The query is cut to ``SEARCH_QUERY_MAX_LENGTH`` characters, which bounds
    the work that one request can ask of the search backend.
    """
    raw_query = request.GET.get("q", "").strip()
    query = clean_search_query(raw_query)
    pages = Page.objects.none()
    ideas = []
    if query:
        locale = Locale.get_active()
        from ideation.permissions import exclude_unreadable_pages

        readable = exclude_unreadable_pages(
            Page.objects.live().public().filter(locale=locale), request.user
        )
        pages = readable.search(query)
        from ideation.search import search_ideas

        # One visibility rule: hidden ideas, merged ones and boards closed to
        # this person never appear.
        ideas = search_ideas(
            request.user, query, locale.language_code, limit=SEARCH_MAX_IDEAS
        )
        board_urls = get_board_urls(
            {idea.board_key for idea in ideas}, locale.pk, request
        )
        for idea in ideas:
            idea.board_url = board_urls.get(idea.board_key)
    paginator = Paginator(pages, SEARCH_RESULTS_PER_PAGE)
    page_results = paginator.get_page(request.GET.get("page"))
    context = {
        "query": query,
        "truncated": len(raw_query) > SEARCH_QUERY_MAX_LENGTH,
        "max_length": SEARCH_QUERY_MAX_LENGTH,
        "page_results": page_results,
        "result_count": paginator.count if query else 0,
        "ideas": ideas,
    }
    return render(request, "home/search.html", context)


def sitemap_page(request):
    """List the live pages of the active language, two levels deep."""
    locale = Locale.get_active()
    root = Page.objects.filter(depth=2, locale=locale).live().first()
    tree = []
    if root is not None:
        from ideation.permissions import exclude_unreadable_pages

        def readable_children(page):
            children = page.get_children().live().public()
            return exclude_unreadable_pages(children, request.user)

        tree = [
            (section, list(readable_children(section)))
            for section in readable_children(root)
        ]
    return render(request, "home/sitemap_page.html", {"root": root, "tree": tree})
