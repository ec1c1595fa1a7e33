"""iCalendar output: one event, public feeds and a person's private feed.

UIDs are built from the event's ``translation_key``, so that the French and
English pages and every later save give the same UID. ``SEQUENCE`` comes
from ``AnnouncedSchedule`` and goes up when the date, place or status
changes. Times carry ``TZID=Europe/Paris`` with a ``VTIMEZONE`` component,
which Outlook needs to place them correctly across clock changes.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from . import conf
from .models import AnnouncedSchedule, EventPage, EventStatus, Registration

PRODID = "-//Smart Corner//Programme//FR"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: EventPage) -> str:
    """Return the UID shared by every translation and revision of ``event``."""
    return f"event-{event.translation_key}@{conf.get('EVENTS_ICAL_UID_DOMAIN')}"


def describe_place(event: EventPage) -> str:
    if event.venue_id is None:
        return ""
    parts = [event.venue.name]
    if event.room:
        parts.append(event.room)
    if event.venue.address:
        parts.append(" ".join(event.venue.address.split()))
    return ", ".join(parts)


def get_sequences(events: Iterable[EventPage]) -> dict:
    keys = [event.translation_key for event in events]
    return dict(
        AnnouncedSchedule.objects.filter(event_key__in=keys).values_list(
            "event_key", "sequence"
        )
    )


def build_vevent(
    event: EventPage, *, sequence: int, url: str | None, cancelled=False
) -> Event:
    """Return the VEVENT of ``event``; ``cancelled`` marks one person's
    cancelled registration in their private feed."""
    paris = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("sequence", sequence)
    component.add("summary", event.title)
    component.add("dtstart", event.start.astimezone(paris))
    component.add("dtend", event.end.astimezone(paris))
    status = ICAL_STATUS.get(event.status, "CONFIRMED")
    component.add("status", "CANCELLED" if cancelled else status)
    place = describe_place(event)
    if place:
        component.add("location", place)
    if event.venue_id and event.venue.latitude is not None:
        component.add(
            "geo", (float(event.venue.latitude), float(event.venue.longitude))
        )
    description = strip_tags(event.summary or "")
    if url:
        description = f"{description}\n\n{url}".strip()
        component.add("url", url)
    if description:
        component.add("description", description)
    component.add("categories", [event.kind_label or str(EventPage._meta.verbose_name)])
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return component


def build_calendar(
    events: Iterable[EventPage],
    *,
    name: str,
    base_url: str = "",
    cancelled_keys: frozenset = frozenset(),
    method: str | None = None,
) -> bytes:
    """Return an iCalendar file with one VEVENT per dated event."""
    events = [event for event in events if event.start and event.end]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    sequences = get_sequences(events)
    for event in events:
        path = event.get_url()
        url = f"{base_url}{path}" if path and path.startswith("/") else path
        calendar.add_component(
            build_vevent(
                event,
                sequence=sequences.get(event.translation_key, 0),
                url=url,
                cancelled=event.translation_key in cancelled_keys,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build_registration_calendar(registration: Registration, base_url="") -> bytes:
    """Return the .ics attached to a person's e-mail, in their language."""
    event = localized_event(registration.event, registration.language)
    cancelled = registration.status == "cancelled"
    return build_calendar(
        [event],
        name=event.title,
        base_url=base_url,
        cancelled_keys=frozenset([event.translation_key]) if cancelled else frozenset(),
        method="CANCEL" if cancelled else "PUBLISH",
    )


def localized_event(event: EventPage, language: str) -> EventPage:
    """Return the live translation of ``event`` in ``language``, if any."""
    translation = (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .select_related("venue")
        .first()
    )
    return translation or event
