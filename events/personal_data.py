"""Personal data held by the programme: export and erasure for one person.

The security tools call these two functions for a data request. Erasing
keeps the event counts consistent: a freed seat goes to the next person on
the waiting list, in the same transaction.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .models import CalendarFeedToken, Registration
from .registrations import (
    guest_link_expired_before,
    lock_event,
    promote_from_waiting_list,
)

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


def purge_expired(now) -> dict[str, int]:
    """Reduce old registrations to what the indicators count; return counts.

    A registration to an event that ended more than
    REGISTRATION_RETENTION_MONTHS ago keeps only its event, audience,
    origin, status and check-in time, which the indicators aggregate. The
    account link, name, organisation, e-mail address and check-in code go.
    Pending guest requests whose event is over are deleted, and so are those
    whose confirmation link expired, because they hold no seat and count
    nowhere but keep a name and an e-mail address.
    """
    from django.conf import settings

    from accounts.personal_data import months_ago

    cutoff = months_ago(now, settings.REGISTRATION_RETENTION_MONTHS)
    old = Registration.objects.filter(event__end__lt=cutoff)
    pending_deleted, _detail = old.filter(status="pending").delete()
    reduced = 0
    with transaction.atomic():
        for registration in old.exclude(name="").exclude(status="pending"):
            registration.user = None
            registration.name = ""
            registration.organisation = ""
            # Unique per event among guests, and never a real address.
            registration.email = f"purged-{registration.pk}@invalid"
            registration.code = f"P{registration.pk}"[:16]
            registration.checked_in_by = None
            registration.save()
            reduced += 1
    logger.info(
        "registrations before %s: %s reduced to counts, %s pending deleted",
        cutoff.date(),
        reduced,
        pending_deleted,
    )
    expired_deleted = delete_expired_guest_requests(now)
    return {
        "registrations_reduced": reduced,
        "pending_deleted": pending_deleted,
        "expired_requests_deleted": expired_deleted,
    }


def delete_expired_guest_requests(now) -> int:
    """Delete pending guest requests whose confirmation link expired.

    The rows are locked and checked again before the delete, so a request
    that the guest renews meanwhile stays.
    """
    expired_before = guest_link_expired_before(now)
    with transaction.atomic():
        expired = dict(
            Registration.objects.expired_guest_requests(expired_before)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", "event_id")
        )
        Registration.objects.filter(pk__in=list(expired)).delete()
    for event_id in sorted(set(expired.values())):
        logger.info(
            "expired guest requests deleted from event %s: registrations %s",
            event_id,
            sorted(pk for pk, owner_id in expired.items() if owner_id == event_id),
        )
    logger.info(
        "%s guest requests made before %s deleted, their link expired",
        len(expired),
        expired_before.isoformat(),
    )
    return len(expired)
