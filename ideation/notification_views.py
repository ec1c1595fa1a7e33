"""The person's Smart Lab notifications and e-mail preference."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from . import notifications
from .forms import PreferenceForm

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
TEMPLATE = "ideation/notifications.html"


def render_notifications(request, form, announcement: str = "", status: int = 200):
    """Render the notifications page, or for htmx its panel with
    ``announcement`` for the page's status region."""
    user = request.user
    items = list(notifications.get_notifications_for(user)[:PAGE_SIZE])
    for item in items:
        item.text = notifications.describe(item)
        item.path = notifications.notification_path(item)
    context = {
        "items": items,
        "form": form,
        "unread": notifications.unread_count(user),
        "announcement": announcement,
    }
    template = TEMPLATE
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{TEMPLATE}#notifications-update"
    return render(request, template, context, status=status)


def respond_to_change(request, message: str, form: PreferenceForm):
    """Return the response to a change: for htmx the refreshed panel with
    ``message`` as its status, otherwise a redirect that shows ``message``
    among the page's messages."""
    if request.htmx:
        return render_notifications(request, form, announcement=message)
    messages.success(request, message)
    return HttpResponseRedirect(reverse("ideation:notifications"))


@login_required
@vary_on_headers("HX-Request")
def notification_list(request):
    user = request.user
    preference = notifications.get_preference(user)
    form = PreferenceForm(
        request.POST or None, initial={"email_frequency": preference.email_frequency}
    )
    if request.method == "POST" and form.is_valid():
        preference.email_frequency = form.cleaned_data["email_frequency"]
        preference.save(update_fields=["email_frequency"])
        logger.info(
            "user %s e-mail frequency set to %s", user.pk, preference.email_frequency
        )
        fresh_form = PreferenceForm(
            initial={"email_frequency": preference.email_frequency}
        )
        return respond_to_change(
            request, _("Your preference has been saved."), fresh_form
        )
    return render_notifications(request, form, status=400 if form.errors else 200)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def mark_read(request):
    count = notifications.mark_all_read(request.user)
    logger.info("user %s marked %s notifications as read", request.user.pk, count)
    preference = notifications.get_preference(request.user)
    form = PreferenceForm(initial={"email_frequency": preference.email_frequency})
    return respond_to_change(
        request, _("All your notifications are marked as read."), form
    )


@never_cache
def notification_bell(request):
    """Return the bell with the person's unread count, for htmx to swap in.

    A visitor whose session ended gets 204, which htmx does not swap: the
    bell stays as it was instead of showing a sign-in page.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(
        request,
        "ideation/includes/bell.html",
        {"show": True, "unread": notifications.unread_count(request.user)},
    )
