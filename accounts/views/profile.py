"""The profile page: name, directorate or organisation, language, links."""

import logging

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import account_events
from ..forms import ProfileForm
from ..language import url_in_language
from ..models import AccountEventKind

logger = logging.getLogger(__name__)


def get_lab_email_frequency(user) -> str | None:
    """Return how the Smart Lab e-mails this person, or None without a choice."""
    try:
        model = apps.get_model("ideation", "NotificationPreference")
    except LookupError:
        return None
    preference = model.objects.filter(user=user).first()
    return preference.get_email_frequency_display() if preference else None


def get_optional_url(name: str) -> str | None:
    """Return the URL of another app's page, or None when it does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.changed_data:
            account_events.record(
                AccountEventKind.PROFILE_CHANGED,
                request=request,
                user=user,
                actor=user,
                fields=sorted(form.changed_data),
            )
        messages.success(request, _("Your profile has been saved."))
        # The page is shown again in the language just chosen.
        return HttpResponseRedirect(
            url_in_language(request, reverse("accounts:profile"), user.language)
        )
    context = {
        "form": form,
        "notifications_url": get_optional_url("ideation:notifications"),
        "lab_email_frequency": get_lab_email_frequency(user),
        "can_invite": user.has_perm("accounts.invite_partner"),
    }
    return render(request, "accounts/profile.html", context)
