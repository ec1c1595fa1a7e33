"""Pick-up slots built from the opening hours, in the project's time zone.

Opening hours are wall-clock times in Europe/Paris. Each day's slots are
built from those times and made aware for that day, so 9:00 stays 9:00
before and after the clock changes. A wall-clock time that does not exist
that day (inside the spring gap) is skipped.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext, pgettext

from .holidays import get_public_holiday
from .models import OPEN_STATUSES, Closure, OpeningHours, Reservation, StoreSettings


def get_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def get_store_settings() -> StoreSettings:
    return StoreSettings.load()


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime | None:
    """Return ``day`` at wall-clock ``time`` in the store's zone, or None in a gap."""
    zone = get_zone()
    moment = datetime.datetime.combine(day, time, tzinfo=zone)
    # A time inside the spring gap does not survive a round trip through UTC.
    round_trip = moment.astimezone(datetime.UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


def get_closure_reason(day: datetime.date) -> str | None:
    """Return why the store is closed all ``day``, or None when it may open.

    A public holiday gives its name, and a closure its reason (or a generic
    word when it has none). Days without opening hours are not closures.
    """
    holiday = get_public_holiday(day)
    if holiday is not None:
        return str(holiday)
    closure = Closure.objects.filter(start_date__lte=day, end_date__gte=day).first()
    if closure is None:
        return None
    return closure.reason or gettext("closure")


def is_closed_day(day: datetime.date) -> bool:
    """Return True on a public holiday or when a closure covers ``day``."""
    return get_closure_reason(day) is not None


def get_opening_periods(
    day: datetime.date,
) -> list[tuple[datetime.time, datetime.time]]:
    """Return the wall-clock opening periods of ``day``; none on a closed day."""
    if is_closed_day(day):
        return []
    periods = OpeningHours.objects.filter(weekday=day.weekday()).order_by("opens_at")
    return [(period.opens_at, period.closes_at) for period in periods]


def get_day_slots(day: datetime.date, slot_minutes: int | None = None) -> list:
    """Return the aware start times of ``day``'s pick-up slots, in order.

    A slot fits whole inside one opening period: a period of 8:30–12:30 with
    30-minute slots gives 8:30, 9:00, …, 12:00.
    """
    if slot_minutes is None:
        slot_minutes = get_store_settings().slot_minutes
    step = datetime.timedelta(minutes=slot_minutes)
    slots = []
    for opens_at, closes_at in get_opening_periods(day):
        # Step in wall-clock time, so that slots keep their local times.
        cursor = datetime.datetime.combine(day, opens_at)
        closing = datetime.datetime.combine(day, closes_at)
        while cursor + step <= closing:
            moment = local_datetime(day, cursor.time())
            if moment is not None:
                slots.append(moment)
            cursor += step
    return slots


def is_opening_slot(moment: datetime.datetime) -> bool:
    """Return True when ``moment`` is the start of one of its day's slots."""
    local = timezone.localtime(moment, get_zone())
    return any(slot == local for slot in get_day_slots(local.date()))


def count_slot_bookings(slots: list) -> dict:
    """Return how many open reservations chose each of ``slots``."""
    if not slots:
        return {}
    rows = (
        Reservation.objects.filter(pickup_at__in=slots, status__in=OPEN_STATUSES)
        .values("pickup_at")
        .annotate(taken=Count("pk"))
    )
    taken = {row["pickup_at"]: row["taken"] for row in rows}
    return {slot: taken.get(slot, 0) for slot in slots}


def get_free_slots(
    day: datetime.date, earliest: datetime.datetime | None = None
) -> list[dict]:
    """Return ``day``'s slots with their remaining places, from ``earliest`` on."""
    store_settings = get_store_settings()
    slots = get_day_slots(day, store_settings.slot_minutes)
    if earliest is not None:
        slots = [slot for slot in slots if slot >= earliest]
    bookings = count_slot_bookings(slots)
    return [
        {
            "start": slot,
            "end": slot + datetime.timedelta(minutes=store_settings.slot_minutes),
            "free": max(0, store_settings.slot_capacity - bookings[slot]),
        }
        for slot in slots
    ]


def find_days_with_slots_taken(
    days: list[datetime.date], earliest: datetime.datetime | None = None
) -> set[datetime.date]:
    """Return the days of ``days`` whose every pick-up slot from ``earliest`` on
    is taken.

    A day that offers no slot from ``earliest`` on (closed, or within the
    lead time) is not among them: it is unavailable for another reason.
    """
    store_settings = get_store_settings()
    slots_by_day = {}
    for day in days:
        day_slots = get_day_slots(day, store_settings.slot_minutes)
        if earliest is not None:
            day_slots = [slot for slot in day_slots if slot >= earliest]
        if day_slots:
            slots_by_day[day] = day_slots
    # One query counts the bookings of every slot of every day.
    bookings = count_slot_bookings(
        [slot for day_slots in slots_by_day.values() for slot in day_slots]
    )
    return {
        day
        for day, day_slots in slots_by_day.items()
        if all(bookings[slot] >= store_settings.slot_capacity for slot in day_slots)
    }


def get_store_location() -> str:
    """Return where the Smart Store is, from its live space page; "" if none.

    The page in the active language comes first, then a page in any language.
    """
    from wagtail.models import Locale

    from home.models import Space, SpacePage

    pages = SpacePage.objects.live().filter(space=Space.STORE).exclude(location="")
    page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    return page.location if page else ""


def describe_pickup(reservation: Reservation) -> str:
    """Return the pick-up day, slot and place of ``reservation`` as a sentence."""
    from home.templatetags.smartcorner import format_day

    # NOTE: the slot's end uses today's slot length, which staff may have
    # changed since the reservation was made.
    start = timezone.localtime(reservation.pickup_at, get_zone())
    end = start + datetime.timedelta(minutes=get_store_settings().slot_minutes)
    values = {
        "day": format_day(start.date(), pgettext("long date", "l j F Y")),
        "start": time_format(start, "TIME_FORMAT"),
        "end": time_format(end, "TIME_FORMAT"),
        "location": get_store_location(),
    }
    if values["location"]:
        return (
            gettext(
                "Pick-up on %(day)s, %(start)s–%(end)s, "
                "at the Smart Store desk (%(location)s)."
            )
            % values
        )
    return (
        gettext("Pick-up on %(day)s, %(start)s–%(end)s, at the Smart Store desk.")
        % values
    )
