"""Download one's personal data, or erase one's account."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.ratelimit import rate_limited

from ..forms import EraseAccountForm
from ..privacy import build_export_archive, erase_account, get_erasure_blockers

logger = logging.getLogger(__name__)


@login_required
@require_POST
@rate_limited("personal_data_export", limit=5, period=60 * 60)
def export_data(request):
    """Send the zip of the person's data (POST, so no prefetch builds it)."""
    archive = build_export_archive(request.user, request)
    filename = f"smartcorner-mes-donnees-{timezone.localdate():%Y-%m-%d}.zip"
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    """Ask for confirmation, then erase the account and sign the person out."""
    form = EraseAccountForm(request.POST or None)
    blockers = get_erasure_blockers(request.user)
    if blockers:
        logger.info(
            "erasure of user %s rejected: %s blocking reasons",
            request.user.pk,
            len(blockers),
        )
        status = 409 if request.method == "POST" else 200
        return render(
            request,
            "accounts/erase_account.html",
            {"form": None, "blockers": blockers},
            status=status,
        )
    if request.method == "POST" and form.is_valid():
        user = request.user
        erase_account(user, actor=user, reason="own_request", request=request)
        logout(request)
        messages.success(
            request,
            _(
                "Your account has been erased. What you posted in the Smart Lab "
                "stays, shown as written by a deleted account."
            ),
        )
        return HttpResponseRedirect(reverse("accounts:signed_out"))
    return render(request, "accounts/erase_account.html", {"form": form})
