"""Site-wide views: health check, search and the sitemap page."""

import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from .models import get_board_urls

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    connection.close()


async def _check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("CHANNEL_LAYERS has no default layer")
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError(f"channel layer returned {message!r}")


async def healthz(request):
    """Report the state of the database and the channel layer as JSON.

    Answers 200 when every check passes and 503 when one fails.
    """
    checks = {}
    try:
        await sync_to_async(_check_database, thread_sensitive=False)()
        checks["database"] = {"status": "ok"}
    except Exception as error:  # noqa: BLE001 - any failure is reported
        logger.exception("health check: database failed")
        checks["database"] = {"status": "error", "error": type(error).__name__}
    try:
        await _check_channel_layer()
        checks["channel_layer"] = {"status": "ok"}
    except Exception as error:  # noqa: BLE001 - any failure is reported
        logger.exception("health check: channel layer failed")
        checks["channel_layer"] = {"status": "error", "error": type(error).__name__}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_MAX_IDEAS = 20


def search_visible_ideas(query: str, language_code: str) -> list:
    """Return the visible ideas written in ``language_code`` that match ``query``.

    TODO: call ``ideation.search.search_ideas`` instead once it works: it calls
    ``.search()`` on ``IdeaQuerySet``, which lacks Wagtail's searchable mixin.
    """
    from ideation.models import Idea

    ideas = Idea.objects.visible().filter(language=language_code)
    return list(get_search_backend().search(query, ideas)[:SEARCH_MAX_IDEAS])


SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    """Search the live pages and the visible ideas of the active language.

    The query is cut to ``SEARCH_QUERY_MAX_LENGTH`` characters, which bounds
    the work that one request can ask of the search backend.
    """
    raw_query = request.GET.get("q", "").strip()
    query = raw_query[:SEARCH_QUERY_MAX_LENGTH]
    pages = Page.objects.none()
    ideas = []
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale).search(query)
        ideas = search_visible_ideas(query, locale.language_code)
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
        tree = [
            (section, list(section.get_children().live().public()))
            for section in root.get_children().live().public()
        ]
    return render(request, "home/sitemap_page.html", {"root": root, "tree": tree})
