"""Check-in services and attendance figures.

Attendance is what the indicators count: a registration with the status
``attended``, walk-ins included. :func:`count_attendance` groups it by
quarter, kind, site and attendee type, with no personal data.
"""

import datetime
import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from home.templatetags.smartcorner import day_date

from . import conf
from .errors import RegistrationError
from .models import (
    AttendeeAudience,
    EventPage,
    Registration,
    RegistrationOrigin,
    RegistrationStatus,
)
from .registrations import get_source_event, lock_event, log_registration

logger = logging.getLogger(__name__)


def can_check_in(user) -> bool:
    return user.is_authenticated and user.has_perm("events.check_in_registration")


def check_can_check_in(user) -> None:
    if not can_check_in(user):
        raise RegistrationError("forbidden")


def get_attendance_list(page: EventPage):
    """Return the people expected at an event: seats first, by name."""
    source = get_source_event(page)
    return (
        Registration.objects.filter(event=source)
        .filter(status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED))
        .order_by("name", "pk")
    )


def set_presence(registration_id: int, present: bool, *, by) -> Registration:
    """Mark a person present or absent; repeating the same request changes nothing."""
    check_can_check_in(by)
    with transaction.atomic():
        registration = Registration.objects.filter(pk=registration_id).first()
        if registration is None:
            raise RegistrationError("registration_not_found")
        lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration_id)
        if registration.status not in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.ATTENDED,
        ):
            raise RegistrationError("not_checkable")
        wanted = (
            RegistrationStatus.ATTENDED if present else RegistrationStatus.CONFIRMED
        )
        if registration.status != wanted:
            registration.status = wanted
            registration.checked_in_at = timezone.now() if present else None
            registration.checked_in_by = by if present else None
            registration.save(
                update_fields=["status", "checked_in_at", "checked_in_by"]
            )
            log_registration(
                registration, "checked_in" if present else "check_in_undone", actor=by
            )
    return registration


def check_in_by_code(page: EventPage, code: str, *, by) -> Registration:
    """Mark present the registration with ``code`` at this event."""
    check_can_check_in(by)
    source = get_source_event(page)
    code = "".join(code.split()).upper()
    registration = Registration.objects.filter(event=source, code=code).first()
    if registration is None:
        raise RegistrationError("code_not_found", check_in_code=code)
    return set_presence(registration.pk, True, by=by)


def check_walk_in_open(page: EventPage, now=None) -> None:
    """Raise unless walk-ins may still be added to ``page`` at ``now``.

    Walk-ins close ``EVENTS_WALK_IN_HOURS`` after the end of the event, or
    after its start when it has no end. An event without a date stays open.
    """
    source = get_source_event(page)
    ended = source.end or source.start
    if ended is None:
        return
    deadline = ended + datetime.timedelta(hours=conf.get("EVENTS_WALK_IN_HOURS"))
    if (now or timezone.now()) > deadline:
        raise RegistrationError(
            "walk_in_closed",
            ended=day_date(ended, "DATETIME_FORMAT"),
            deadline=day_date(deadline, "DATETIME_FORMAT"),
        )


def add_walk_in(
    page: EventPage, *, name: str, organisation="", email="", external=False, by
) -> Registration:
    """Record someone who came without registering, as present.

    Walk-ins may exceed the capacity: the room decides, not the form.
    """
    check_can_check_in(by)
    check_walk_in_open(page)
    name = " ".join(name.split())
    if not name:
        raise RegistrationError("name_required")
    source = get_source_event(page)
    email = email.strip().lower()
    with transaction.atomic():
        event = lock_event(source.pk)
        existing = None
        if email:
            existing = Registration.objects.filter(
                event=event, email__iexact=email
            ).first()
        if existing is not None:
            registration = existing
        else:
            registration = Registration(event=event, email=email)
        registration.name = name[:200]
        registration.organisation = organisation[:200]
        registration.audience = (
            AttendeeAudience.EXTERNAL if external else AttendeeAudience.STAFF
        )
        if existing is None:
            registration.origin = RegistrationOrigin.WALK_IN
        registration.status = RegistrationStatus.ATTENDED
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = by
        registration.queued_at = None
        registration.cancelled_at = None
        if registration.confirmed_at is None:
            registration.confirmed_at = registration.checked_in_at
        registration.save()
        log_registration(registration, "walked_in", actor=by)
    return registration


def sort_key(item) -> tuple:
    year, quarter, kind, _venue_id, venue, _main, audience = item[0]
    return (year, quarter, kind, venue, audience)


def count_attendance(start=None, end=None) -> list[dict]:
    """Return attendance counts grouped by quarter, kind, site and audience.

    ``start`` and ``end`` bound the event start, half-open ``[start, end)``.
    Each row contains plain values: ``year``, ``quarter``, ``kind``,
    ``venue_id``, ``venue``, ``is_main_site``, ``audience`` and ``count``.
    """
    attended = Registration.objects.attended().select_related(
        "event", "event__venue", "event__quarter", "event__content_type"
    )
    if start is not None:
        attended = attended.filter(event__start__gte=start)
    if end is not None:
        attended = attended.filter(event__start__lt=end)
    counts: Counter = Counter()
    for registration in attended.iterator():
        event = registration.event
        model = event.content_type.model_class()
        kind = getattr(model, "event_kind", None)
        local_start = timezone.localtime(event.start)
        venue = event.venue
        key = (
            local_start.year,
            (local_start.month - 1) // 3 + 1,
            str(kind) if kind else "",
            venue.pk if venue else None,
            venue.name if venue else "",
            bool(venue and venue.is_main_site),
            registration.audience,
        )
        counts[key] += 1
    fields = (
        "year",
        "quarter",
        "kind",
        "venue_id",
        "venue",
        "is_main_site",
        "audience",
    )
    return [
        {**dict(zip(fields, key, strict=True)), "count": count}
        for key, count in sorted(counts.items(), key=sort_key)
    ]
