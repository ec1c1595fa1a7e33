"""Registration reports in the Wagtail admin.

An index lists the events with their seats, waiting list and attendance;
each event's page lists its registrations, lets editors add or remove
people, and exports the list. Every change goes through the registration
services, so capacity and the waiting list behave as on the site.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import registrations as services
from .errors import RegistrationError
from .exports import FORMATS, export_registrations
from .models import EventPage, Registration, RegistrationStatus

logger = logging.getLogger(__name__)

RECENT_DAYS = 30


class StaffAdditionForm(forms.Form):
    """Add an account by its e-mail address, or a guest by name and address."""

    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    name = forms.CharField(
        label=gettext_lazy("Name (guests without an account only)"),
        max_length=200,
        required=False,
    )
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )
    give_seat = forms.BooleanField(
        label=gettext_lazy("Give a seat even when the event is full"),
        required=False,
    )


def require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def source_events():
    """Source pages of recent and upcoming events, with their counts."""
    since = timezone.now() - timezone.timedelta(days=RECENT_DAYS)
    return (
        EventPage.objects.filter(locale__language_code="fr", end__gte=since)
        .annotate(
            seats_taken=Count(
                "registrations",
                filter=Q(
                    registrations__status__in=(
                        RegistrationStatus.CONFIRMED,
                        RegistrationStatus.ATTENDED,
                    )
                ),
            ),
            waiting=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITING),
            ),
            attended=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.ATTENDED),
            ),
        )
        .order_by("start", "pk")
    )


def index(request):
    require(request, "events.view_registration")
    context = {
        "events": source_events(),
        "page_title": _("Registrations"),
        "header_icon": "group",
    }
    return TemplateResponse(request, "events/admin/registrations_index.html", context)


def event_registrations(request, page_id: int):
    require(request, "events.view_registration")
    page = get_object_or_404(EventPage, pk=page_id).specific
    source = services.get_source_event(page)
    form = StaffAdditionForm()
    status = 200
    if request.method == "POST":
        require(request, "events.add_registration")
        form = StaffAdditionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                add_person(request, source, form.cleaned_data)
            except RegistrationError as error:
                form.add_error(None, error.message)
                status = error.status_code
            else:
                return HttpResponseRedirect(request.path)
    registrations = Registration.objects.filter(event=source).order_by(
        "status", "queued_at", "name", "pk"
    )
    context = {
        "event": source,
        "registrations": registrations,
        "form": form,
        "seats_taken": services.count_seats_taken(source),
        "export_formats": FORMATS,
        "can_export": request.user.has_perm("events.export_registration"),
        "can_change": request.user.has_perm("events.change_registration"),
        "page_title": _("Registrations"),
        "page_subtitle": source.title,
        "header_icon": "group",
    }
    return TemplateResponse(
        request, "events/admin/registrations_event.html", context, status=status
    )


def add_person(request, event: EventPage, data: dict) -> None:
    user = get_user_model().objects.filter(email__iexact=data["email"]).first()
    registration = services.add_by_staff(
        event,
        by=request.user,
        user=user,
        name=data["name"],
        organisation=data["organisation"],
        email=data["email"],
        give_seat=data["give_seat"],
    )
    messages.success(
        request,
        _("%(name)s is added: %(status)s.")
        % {"name": registration.name, "status": registration.get_status_display()},
    )


@require_POST
def remove(request, registration_id: int):
    require(request, "events.change_registration")
    registration = get_object_or_404(Registration, pk=registration_id)
    try:
        services.cancel(registration.pk, by_staff=True, user=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The registration of %(name)s is cancelled.")
            % {"name": registration.name},
        )
    return HttpResponseRedirect(
        reverse("events_admin:event", args=[registration.event_id])
    )


def export(request, page_id: int, export_format: str):
    require(request, "events.export_registration")
    if export_format not in FORMATS:
        raise Http404(_("Unknown export format."))
    page = get_object_or_404(EventPage, pk=page_id)
    content_type, extension = FORMATS[export_format]
    body = export_registrations(page, export_format)
    response = HttpResponse(body, content_type=content_type)
    filename = f"inscriptions-{page.slug}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    logger.info(
        "registrations of event %s exported as %s by user %s",
        page.pk,
        export_format,
        request.user.pk,
    )
    return response
