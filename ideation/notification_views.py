"""The person's Smart Lab notifications and e-mail preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import notifications
from .forms import PreferenceForm

PAGE_SIZE = 50


@login_required
def notification_list(request):
    user = request.user
    preference = notifications.get_preference(user)
    form = PreferenceForm(
        request.POST or None, initial={"email_frequency": preference.email_frequency}
    )
    if request.method == "POST" and form.is_valid():
        preference.email_frequency = form.cleaned_data["email_frequency"]
        preference.save(update_fields=["email_frequency"])
        messages.success(request, _("Your preference has been saved."))
        return HttpResponseRedirect(reverse("ideation:notifications"))
    items = list(notifications.get_notifications_for(user)[:PAGE_SIZE])
    for item in items:
        item.text = notifications.describe(item)
        item.path = notifications.notification_path(item)
    return render(
        request,
        "ideation/notifications.html",
        {"items": items, "form": form, "unread": notifications.unread_count(user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def mark_read(request):
    notifications.mark_all_read(request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return HttpResponseRedirect(reverse("ideation:notifications"))


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
