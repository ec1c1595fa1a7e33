"""Invite a partner, and let the partner accept by choosing a password."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.ratelimit import rate_limited

from ..forms import AcceptInvitationForm, InvitationForm
from ..invitations import (
    InvitationError,
    accept_invitation,
    check_token,
    invite_partner,
)
from ..language import url_in_language
from ..models import Invitation
from ..signals import SIGN_IN_METHOD_ATTRIBUTE

logger = logging.getLogger(__name__)

BACKEND = "accounts.backends.EmailBackend"
RECENT_INVITATIONS = 20


@login_required
@permission_required("accounts.invite_partner", raise_exception=True)
@require_http_methods(["GET", "POST"])
@rate_limited("invite_partner", limit=30, period=60 * 60)
def invite(request):
    """Form to invite a partner, with the invitations this person sent."""
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invite_partner(request.user, request=request, **form.cleaned_data)
        # The same message whether or not the address has an account.
        messages.success(
            request,
            _(
                "Invitation sent to %(email)s. The link works once and expires "
                "after %(days)s days."
            )
            % {
                "email": form.cleaned_data["email"],
                "days": settings.INVITATION_VALID_DAYS,
            },
        )
        return HttpResponseRedirect(reverse("accounts:invite"))
    sent = Invitation.objects.filter(invited_by=request.user)[:RECENT_INVITATIONS]
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "sent": sent, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
@rate_limited("accept_invitation", limit=10, period=60 * 10)
def accept(request, token: str):
    """Show the invitation, then create the partner's account on POST."""
    try:
        invitation = check_token(token, request)
    except InvitationError as error:
        return render_refused(request, error)
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                invitation,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                request=request,
            )
        except InvitationError as error:
            return render_refused(request, error)
        setattr(request, SIGN_IN_METHOD_ATTRIBUTE, "invitation")
        login(request, user, backend=BACKEND)
        messages.success(request, _("Welcome to Smart Corner: your account is ready."))
        return HttpResponseRedirect(url_in_language(request, "/", user.language))
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "inactivity_days": settings.PARTNER_INACTIVITY_DAYS,
        },
    )


def render_refused(request, error: InvitationError):
    return render(
        request,
        "accounts/invitation_refused.html",
        {"message": error.message},
        status=400,
    )
