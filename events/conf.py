"""Settings of the programme, with their defaults.

Each can be overridden in the Django settings under the same name.
"""

import datetime

from django.conf import settings

DEFAULTS = {
    # Self-service cancellation closes this many hours before the start,
    # unless the event sets its own time.
    "EVENTS_CANCELLATION_HOURS": 24,
    # The reminder is due this many hours before the start.
    "EVENTS_REMINDER_HOURS": 24,
    # Walk-ins can be added until this many hours after the end of an event
    # (its start when it has no end), so a paper sheet can be typed in the
    # next morning but a past event's attendance cannot grow later.
    "EVENTS_WALK_IN_HOURS": 24,
    # A guest's confirmation link works for this many hours.
    "EVENTS_GUEST_LINK_HOURS": 48,
    # Personal mailboxes that a guest may not use as a professional address.
    "EVENTS_PERSONAL_EMAIL_DOMAINS": [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fr",
        "live.fr",
        "outlook.com",
        "outlook.fr",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
    ],
    # Domain part of iCalendar UIDs; it must never change once feeds are out.
    "EVENTS_ICAL_UID_DOMAIN": "smartcorner.example.org",
}


def get(name: str):
    """Return the setting ``name``, or its default from ``DEFAULTS``."""
    return getattr(settings, name, DEFAULTS[name])


def hours(name: str) -> datetime.timedelta:
    return datetime.timedelta(hours=get(name))
