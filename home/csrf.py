"""The page shown when a form's CSRF check fails (``CSRF_FAILURE_VIEW``).

Django's own page is bare and in technical terms. The usual cause here is a
form that outlived its token: a page left open across a sign-out or a
sign-in, or opened before the session expired.
"""

import logging

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def csrf_failure(request, reason=""):
    """Render the site's 403 page, or its refusal partial for htmx, with a
    message on what to do next."""
    user_id = request.user.pk if hasattr(request, "user") else None
    logger.warning(
        "CSRF check failed for user %s on %s %s: %s",
        user_id,
        request.method,
        request.path,
        reason,
    )
    message = _(
        "This form had expired, for example after a sign-out or on a page left "
        "open for a long time. Reload the page, then send the form again."
    )
    template = "403.html"
    if getattr(request, "htmx", False):
        template = "403.html#refusal"
    response = render(request, template, {"exception": message}, status=403)
    patch_vary_headers(response, ["HX-Request"])
    return response
