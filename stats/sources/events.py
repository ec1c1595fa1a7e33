"""Event facts: events held, seats, attendance from check-ins, no-shows.

An event counts in the period in which it starts. Registrations belong to
the event's source page, so both languages share one line. Dimensions:
kind (from the page type), site, Smart Tour (remote site or main site) and,
for people, audience (staff or external).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.utils import timezone

from events.models import EventPage, Registration
from events.models.pages import EventStatus
from events.models.registrations import RegistrationOrigin, RegistrationStatus

SEATED = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


def kind_of(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    kind = getattr(model, "event_kind", None)
    return str(kind) if kind else ""


def tour_of(is_main_site: bool | None) -> str:
    if is_main_site is None:
        return ""
    return "main" if is_main_site else "tour"


def source_events(start, end):
    """Events starting in the period, one page per event.

    The page in the default language stands for the event; an event with no
    page in that language counts through its other translation.
    """
    default = Q(locale__language_code=settings.LANGUAGE_CODE)
    has_default = EventPage.objects.filter(default).values("translation_key")
    return EventPage.objects.filter(
        default | ~Q(translation_key__in=has_default),
        start__gte=start,
        start__lt=end,
        live=True,
    )


def event_facts(queryset, value):
    rows = queryset.values(
        "content_type_id", "venue_id", "venue__is_main_site"
    ).annotate(value=value)
    return [
        (
            {
                "kind": kind_of(row["content_type_id"]),
                "site": row["venue_id"],
                "tour": tour_of(row["venue__is_main_site"]),
            },
            row["value"] or 0,
        )
        for row in rows
    ]


def registration_facts(queryset):
    rows = queryset.values(
        "event__content_type_id",
        "event__venue_id",
        "event__venue__is_main_site",
        "audience",
    ).annotate(value=Count("pk"))
    return [
        (
            {
                "kind": kind_of(row["event__content_type_id"]),
                "site": row["event__venue_id"],
                "tour": tour_of(row["event__venue__is_main_site"]),
                "audience": row["audience"],
            },
            row["value"],
        )
        for row in rows
    ]


def registrations_in(start, end):
    return Registration.objects.filter(event__start__gte=start, event__start__lt=end)


def events_held(start, end):
    events = source_events(start, end).exclude(status=EventStatus.CANCELLED)
    return event_facts(events, Count("pk"))


def seats_offered(start, end):
    events = source_events(start, end).exclude(status=EventStatus.CANCELLED)
    return event_facts(events, Sum("capacity"))


def attendance(start, end):
    """People checked in, walk-ins included: what the committee counts."""
    return registration_facts(
        registrations_in(start, end).filter(checked_in_at__isnull=False)
    )


def registered(start, end):
    """Seats taken by registration (not walk-ins), for the no-show rate."""
    return registration_facts(
        registrations_in(start, end)
        .filter(status__in=SEATED)
        .exclude(origin=RegistrationOrigin.WALK_IN)
    )


def no_shows(start, end):
    """Registered people not checked in at events that have ended."""
    return registration_facts(
        registrations_in(start, end)
        .filter(
            status=RegistrationStatus.CONFIRMED,
            checked_in_at__isnull=True,
            event__end__lt=timezone.now(),
        )
        .exclude(origin=RegistrationOrigin.WALK_IN)
        .exclude(event__status=EventStatus.CANCELLED)
    )
