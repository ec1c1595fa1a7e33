"""Middleware that guards every request before any view sees it."""

import logging

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.middleware import RedirectMiddleware

logger = logging.getLogger(__name__)


class RejectNulCharacterMiddleware:
    """Answer 400 to a request whose path or query string contains a NUL byte.

    PostgreSQL text columns cannot store NUL, so such a value reaching an ORM
    lookup raises DataError (HTTP 500), and SQLite's full-text search fails on
    it too. No legitimate URL contains one. Form fields are checked by
    Django's own validators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            logger.warning("request rejected: NUL byte in %r", request.path[:200])
            return HttpResponseBadRequest(
                _("The address contains an invalid character (NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class SyncRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, run in the same thread as the middleware above.

    Wagtail's middleware can run in both modes. At the bottom of the chain
    under ASGI it would run in async mode, and Django would then hand each of
    its two hooks to the sync thread and back, on every request. The views
    are sync, so the sync mode costs nothing and saves those switches.
    """

    async_capable = False
