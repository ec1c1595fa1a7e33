"""Calls that screens make in the background, and the short links of QR codes.

Screens have no session: the secret token in the URL identifies them, so
these views are exempt from CSRF, which protects session-authenticated
requests. They change nothing but the calling screen's own records.
"""

import logging

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms.ratelimit import rate_limited

from . import services
from .errors import KioskError

logger = logging.getLogger(__name__)


def get_screen_or_404(token: str):
    screen = services.get_active_screen(token)
    if screen is None:
        raise Http404("unknown screen")
    return screen


@require_GET
@never_cache
def state(request, token):
    """Return the content version, which screens poll as a fallback."""
    screen = get_screen_or_404(token)
    return JsonResponse(
        {
            "version": services.get_content_version(),
            "open": screen.is_open(),
        }
    )


@csrf_exempt
@require_POST
@rate_limited("kiosk_heartbeat", limit=30, period=60)
def heartbeat(request, token):
    """Record a screen's version and memory figures; 400 when malformed."""
    screen = get_screen_or_404(token)
    try:
        data = services.parse_heartbeat(request.body)
    except KioskError as error:
        logger.info("screen %s: heartbeat rejected (%s)", screen.pk, error.code)
        return JsonResponse({"error": error.message, "code": error.code}, status=400)
    services.record_heartbeat(screen, data)
    return JsonResponse({"status": "ok", "version": services.get_content_version()})


@csrf_exempt
@require_POST
@rate_limited("kiosk_session", limit=60, period=60)
def session(request, token):
    """Count the start of a visitor session on a screen."""
    screen = get_screen_or_404(token)
    services.start_session(screen)
    return JsonResponse({"status": "ok"}, status=201)


@require_GET
@rate_limited("kiosk_short_link", limit=60, period=60, methods=("GET",))
def short_link(request, code):
    """Count a QR code scan and send the phone to the target address."""
    link = services.record_short_link_hit(code)
    if link is None:
        raise Http404("unknown short link")
    return HttpResponseRedirect(link.target_url)
