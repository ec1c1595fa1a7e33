"""Personal data held by the programme: export and erasure for one person.

The security tools call these two functions for a data request. Erasing
keeps the event counts consistent: a freed seat goes to the next person on
the waiting list, in the same transaction.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .models import CalendarFeedToken, Registration
from .registrations import lock_event, promote_from_waiting_list

logger = logging.getLogger(__name__)


def format_time(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def export_user_data(user) -> dict[str, list[dict]]:
    """Return the person's registrations and calendar feed, as plain values."""
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event")
        .order_by("created_at", "pk")
    )
    rows = [
        {
            "event": registration.event.title,
            "event_start": format_time(registration.event.start),
            "status": registration.status,
            "name": registration.name,
            "organisation": registration.organisation,
            "email": registration.email,
            "language": registration.language,
            "check_in_code": registration.code,
            "registered_at": format_time(registration.created_at),
            "seat_since": format_time(registration.confirmed_at),
            "cancelled_at": format_time(registration.cancelled_at),
            "checked_in_at": format_time(registration.checked_in_at),
            "reminder_sent_at": format_time(registration.reminder_sent_at),
        }
        for registration in registrations
    ]
    feeds = [
        {"calendar_feed_created_at": format_time(feed.created_at)}
        for feed in CalendarFeedToken.objects.filter(user=user)
    ]
    return {"event_registrations": rows, "calendar_feed": feeds}


def erase_user_data(user) -> None:
    """Delete the person's registrations and feed token, promoting others.

    Registrations of guests with the same e-mail address are erased too,
    since they identify the same person.
    """
    event_ids = set(
        Registration.objects.filter(user=user).values_list("event_id", flat=True)
    )
    guest_rows = Registration.objects.filter(
        user__isnull=True, email__iexact=user.email
    )
    event_ids |= set(guest_rows.values_list("event_id", flat=True))
    with transaction.atomic():
        for event_id in sorted(event_ids):
            event = lock_event(event_id)
            Registration.objects.filter(event=event, user=user).delete()
            Registration.objects.filter(
                event=event, user__isnull=True, email__iexact=user.email
            ).delete()
            promote_from_waiting_list(event)
        CalendarFeedToken.objects.filter(user=user).delete()
    logger.info(
        "registrations of user %s erased from %s events", user.pk, len(event_ids)
    )
