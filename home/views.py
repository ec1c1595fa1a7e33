"""Site-wide views: health check, search and the sitemap page."""

import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Locale, Page

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


def search(request):
    from ideation.search import search_ideas

    query = request.GET.get("q", "").strip()[:200]
    pages = Page.objects.none()
    ideas = []
    if query:
        locale = Locale.get_active()
        pages = Page.objects.live().public().filter(locale=locale).specific()
        pages = pages.search(query)
        ideas = search_ideas(request.user, query, locale.language_code)
    paginator = Paginator(pages, 10)
    page_results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"query": query, "page_results": page_results, "ideas": ideas},
    )


def sitemap_page(request):
    locale = Locale.get_active()
    root = Page.objects.filter(depth=2, locale=locale).live().first()
    tree = []
    if root is not None:
        tree = [
            (page, page.get_children().live().public().in_menu())
            for page in [root, *root.get_children().live().public()]
        ]
    return render(request, "home/sitemap_page.html", {"root": root, "tree": tree})
