"""Pick-up slots: opening hours, closures, capacity and clock changes."""

import datetime

import pytest

from store import slots
from store.models import Closure, OpeningHours
from tests.store.conftest import next_weekday

# Last Sundays of March and October 2027 in Europe/Paris.
SPRING_FORWARD = datetime.date(2027, 3, 28)
FALL_BACK = datetime.date(2027, 10, 31)


def utc_offset_hours(moment: datetime.datetime) -> float:
    return moment.utcoffset().total_seconds() / 3600


def test_day_slots_follow_opening_periods(opening_hours):
    monday = next_weekday(0)

    day_slots = slots.get_day_slots(monday)

    local_times = [slot.strftime("%H:%M") for slot in day_slots]
    assert local_times[0] == "08:30"
    assert local_times[-1] == "17:00"
    assert "12:30" not in local_times
    assert "13:00" not in local_times
    assert "13:30" in local_times
    assert len(day_slots) == 16


def test_day_slots_empty_on_weekend(opening_hours):
    assert slots.get_day_slots(next_weekday(5)) == []


def test_day_slots_empty_on_closure(opening_hours):
    monday = next_weekday(0)
    Closure.objects.create(start_date=monday, end_date=monday, reason="Férié")

    assert slots.get_day_slots(monday) == []
    assert slots.get_day_slots(monday + datetime.timedelta(days=1)) != []


@pytest.mark.django_db
def test_slots_keep_local_time_on_spring_forward():
    OpeningHours.objects.create(
        weekday=6, opens_at=datetime.time(1, 0), closes_at=datetime.time(10, 0)
    )

    day_slots = slots.get_day_slots(SPRING_FORWARD, slot_minutes=30)

    local_times = [slot.strftime("%H:%M") for slot in day_slots]
    # 2:00 to 2:59 does not exist that night.
    assert "02:00" not in local_times
    assert "02:30" not in local_times
    assert local_times[:4] == ["01:00", "01:30", "03:00", "03:30"]
    nine = next(slot for slot in day_slots if slot.strftime("%H:%M") == "09:00")
    assert utc_offset_hours(nine) == 2
    assert nine.astimezone(datetime.UTC).hour == 7
    assert utc_offset_hours(day_slots[0]) == 1


@pytest.mark.django_db
def test_slots_keep_local_time_on_fall_back():
    OpeningHours.objects.create(
        weekday=6, opens_at=datetime.time(1, 0), closes_at=datetime.time(10, 0)
    )

    day_slots = slots.get_day_slots(FALL_BACK, slot_minutes=30)

    local_times = [slot.strftime("%H:%M") for slot in day_slots]
    # 2:00 to 2:59 happens twice; each slot is offered once.
    assert local_times.count("02:00") == 1
    assert len(local_times) == len(set(local_times)) == 18
    nine = next(slot for slot in day_slots if slot.strftime("%H:%M") == "09:00")
    assert utc_offset_hours(nine) == 1
    assert nine.astimezone(datetime.UTC).hour == 8
    assert utc_offset_hours(day_slots[0]) == 2


@pytest.mark.django_db
def test_is_opening_slot_on_clock_change_days():
    OpeningHours.objects.create(
        weekday=6, opens_at=datetime.time(8, 30), closes_at=datetime.time(12, 0)
    )
    for day in (SPRING_FORWARD, FALL_BACK):
        nine = slots.local_datetime(day, datetime.time(9, 0))
        assert slots.is_opening_slot(nine)
        assert not slots.is_opening_slot(nine + datetime.timedelta(minutes=10))
        # The same instant an hour off (a wrong offset) is not a slot start...
        # unless it lands on another slot; 7:00 local is before opening.
        assert not slots.is_opening_slot(nine - datetime.timedelta(hours=2))


def test_local_datetime_in_spring_gap_is_none():
    assert slots.local_datetime(SPRING_FORWARD, datetime.time(2, 30)) is None
    assert slots.local_datetime(SPRING_FORWARD, datetime.time(3, 0)) is not None
