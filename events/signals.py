"""Reactions to publishing an event: announce changes, promote waiting people.

Connected to Wagtail's ``page_published`` signal, which fires for admin
publishing, scheduled publishing (``publish_scheduled``) and code that calls
``revision.publish()`` alike.
"""

import logging

from django.db import transaction

from .emails import queue_registration_email
from .ical import describe_place
from .models import AnnouncedSchedule, EventPage, EventStatus, Registration
from .registrations import get_source_event, promote_after_capacity_change

logger = logging.getLogger(__name__)

NOTIFIED_STATUSES = ("confirmed", "waiting")


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, EventPage):
        return
    source = get_source_event(page)
    if source.pk != page.pk:
        # Translations share the source's schedule and seats.
        return
    announce_schedule(page)
    promote_after_capacity_change(page)


def announce_schedule(event: EventPage) -> AnnouncedSchedule:
    """Record the event's date, place and status; notify registrants of changes.

    The first publication only records them. Any later difference raises the
    iCalendar sequence and e-mails everyone holding a seat or waiting.
    """
    current = {
        "start": event.start,
        "end": event.end,
        "place": describe_place(event)[:400],
        "status": event.status,
    }
    with transaction.atomic():
        announced, created = (
            AnnouncedSchedule.objects.select_for_update().get_or_create(
                event_key=event.translation_key, defaults=current
            )
        )
        if created:
            return announced
        changed = [
            name for name, value in current.items() if getattr(announced, name) != value
        ]
        if not changed:
            return announced
        for name, value in current.items():
            setattr(announced, name, value)
        announced.sequence += 1
        announced.save()
        kind = "event_cancelled" if event.status == EventStatus.CANCELLED else "changed"
        registrations = Registration.objects.filter(
            event=event, status__in=NOTIFIED_STATUSES
        )
        for registration in registrations:
            queue_registration_email(registration, kind)
    logger.info(
        "event %s changed (%s): sequence %s, notice %s sent to %s people",
        event.pk,
        ", ".join(changed),
        announced.sequence,
        kind,
        len(registrations),
    )
    return announced
