"""French public holidays close the store: no pick-up slot, and the reason."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from store import slots
from store.holidays import get_easter_sunday, get_public_holiday, get_public_holidays
from store.models import Reservation
from tests.store.conftest import HTMX, slot_at


def next_easter_monday() -> datetime.date:
    """Return the first Easter Monday at least two days from today."""
    soon = timezone.localdate() + datetime.timedelta(days=2)
    for year in (soon.year, soon.year + 1):
        day = get_easter_sunday(year) + datetime.timedelta(days=1)
        if day >= soon:
            return day
    raise AssertionError("no Easter Monday within two years")


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1943, datetime.date(1943, 4, 25)),
        (2024, datetime.date(2024, 3, 31)),
        (2025, datetime.date(2025, 4, 20)),
        (2026, datetime.date(2026, 4, 5)),
        (2027, datetime.date(2027, 3, 28)),
        (2038, datetime.date(2038, 4, 25)),
        (2285, datetime.date(2285, 3, 22)),
    ],
)
def test_easter_sunday_known_years(year, expected):
    assert get_easter_sunday(year) == expected


def test_public_holidays_of_2026():
    with translation.override("fr"):
        names = {day: str(name) for day, name in get_public_holidays(2026).items()}

    assert len(names) == 11
    assert names[datetime.date(2026, 1, 1)] == "Jour de l’an"
    assert names[datetime.date(2026, 4, 6)] == "Lundi de Pâques"
    assert names[datetime.date(2026, 5, 14)] == "Ascension"
    assert names[datetime.date(2026, 5, 25)] == "Lundi de Pentecôte"
    assert names[datetime.date(2026, 7, 14)] == "Fête nationale"
    assert names[datetime.date(2026, 12, 25)] == "Noël"


def test_ascension_and_whit_monday_follow_easter():
    assert get_public_holiday(datetime.date(2027, 5, 6)) is not None
    assert get_public_holiday(datetime.date(2027, 5, 17)) is not None
    assert get_public_holiday(datetime.date(2027, 5, 18)) is None


@pytest.mark.django_db
def test_holiday_has_no_slots(opening_hours):
    easter_monday = next_easter_monday()

    day_slots = slots.get_day_slots(easter_monday)

    assert day_slots == []
    assert slots.get_day_slots(easter_monday + datetime.timedelta(days=1)) != []
    assert slots.get_closure_reason(easter_monday) == "Easter Monday"


def test_availability_says_holiday(agent_client, laptop):
    easter_monday = next_easter_monday()
    with translation.override("fr"):
        url = reverse("store:availability")

    response = agent_client.get(
        url,
        {"equipment_type": laptop.pk, "start_date": easter_monday.isoformat()},
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Fermé\u202f: Lundi de Pâques" in content
    assert "Le Smart Store est fermé ce jour-là (Lundi de Pâques)" in content
    assert 'name="pickup_at"' not in content


def test_reserve_on_holiday_rejected(agent_client, laptop):
    easter_monday = next_easter_monday()
    data = {
        "equipment_type": laptop.pk,
        "start_date": easter_monday.isoformat(),
        "end_date": (easter_monday + datetime.timedelta(days=2)).isoformat(),
        "pickup_at": slot_at(easter_monday, 9).isoformat(),
        "accept_terms": "on",
    }

    response = agent_client.post(reverse("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "The Smart Store is closed on Monday" in content
    assert "(Easter Monday): choose another pick-up day." in content
    assert Reservation.objects.count() == 0
