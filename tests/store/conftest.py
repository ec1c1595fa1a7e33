"""Fixtures of the Smart Store tests: people, opening hours, equipment."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from accounts.groups import STORE_STAFF
from accounts.models import User, UserKind
from store import reservations as services
from store import slots
from store.holidays import get_public_holiday
from store.models import (
    EquipmentType,
    EquipmentUnit,
    OpeningHours,
    StoreSettings,
)

PASSWORD = "correct horse battery staple"
HTMX = {"HTTP_HX_REQUEST": "true"}
DAY = datetime.timedelta(days=1)


def make_user(first_name: str, kind: str = UserKind.AGENT, staff: bool = False):
    user = User.objects.create_user(
        email=f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.org",
        password=PASSWORD,
        first_name=first_name,
        last_name="Test",
        kind=kind,
    )
    if staff:
        group, _created = Group.objects.get_or_create(name=STORE_STAFF)
        user.groups.add(group)
    return user


def next_weekday(weekday: int, weeks_ahead: int = 2) -> datetime.date:
    """Return the given weekday (0 = Monday) about ``weeks_ahead`` weeks away.

    Public holidays close the store, and tests book up to four days after
    the returned day. When those five days contain a holiday, the day comes
    one week sooner, which keeps it within the distances that tests expect
    (more than a week ahead, less than twenty days).
    """
    today = timezone.localdate()
    candidates = []
    for weeks in (weeks_ahead, weeks_ahead - 1):
        day = today + datetime.timedelta(weeks=weeks)
        candidates.append(day + datetime.timedelta(days=(weekday - day.weekday()) % 7))
    for day in candidates:
        if day > today and not any(
            get_public_holiday(day + datetime.timedelta(days=offset))
            for offset in range(5)
        ):
            return day
    # NOTE: in a few weeks of May both weeks contain a holiday, and a test
    # that books on it then fails with the day_closed error.
    return candidates[0]


def slot_at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return slots.local_datetime(day, datetime.time(hour, minute))


def reserve(user, equipment_type, start, days=2, hour=9, **extra):
    """Reserve ``[start, start + days)`` through the service, as an agent would.

    The pick-up slot starts at ``hour`` o'clock on ``start`` and the loan terms
    are accepted, unless ``extra`` gives ``pickup_at`` or ``accepted_terms``.
    The other ``extra`` arguments go to ``create_reservation``.
    """
    return services.create_reservation(
        user,
        equipment_type.pk,
        start,
        start + days * DAY,
        pickup_at=extra.pop("pickup_at", slot_at(start, hour)),
        accepted_terms=extra.pop("accepted_terms", True),
        **extra,
    )


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Start each test with unused rate limits: counters live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english():
    """Run store tests in English, so that messages read as in the code.

    URLs reversed here get the /en/ prefix, so pages answer in English too;
    test_store_french.py checks the French side.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def agent(db):
    return make_user("Ada")


@pytest.fixture
def other_agent(db):
    return make_user("Bruno")


@pytest.fixture
def staff(db):
    return make_user("Sacha", staff=True)


@pytest.fixture
def partner(db):
    return make_user("Paola", kind=UserKind.PARTNER)


@pytest.fixture
def agent_client(agent):
    client = Client()
    client.force_login(agent)
    return client


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def opening_hours(db):
    """Monday to Friday, 8:30–12:30 and 13:30–17:30; 30-minute slots of 3."""
    for weekday in range(5):
        OpeningHours.objects.create(
            weekday=weekday,
            opens_at=datetime.time(8, 30),
            closes_at=datetime.time(12, 30),
        )
        OpeningHours.objects.create(
            weekday=weekday,
            opens_at=datetime.time(13, 30),
            closes_at=datetime.time(17, 30),
        )
    store_settings = StoreSettings.load()
    store_settings.slot_minutes = 30
    store_settings.slot_capacity = 3
    store_settings.loan_terms = "Je rends le matériel en bon état."
    store_settings.save()
    return store_settings


def make_type(name="Ordinateur portable", units=1, **fields):
    equipment_type = EquipmentType.objects.create(name=name, **fields)
    for number in range(units):
        EquipmentUnit.objects.create(
            equipment_type=equipment_type,
            asset_tag=f"{name[:3].upper()}-{uuid.uuid4().hex[:6]}-{number}",
            serial_number=f"SN{number:04d}",
        )
    return equipment_type


@pytest.fixture
def laptop(db, opening_hours):
    """A type with one unit, no approval, 14 days at most, 24 h lead time."""
    return make_type("Ordinateur portable", units=1, max_loan_days=14)


@pytest.fixture
def camera(db, opening_hours):
    """A type with one unit that needs approval."""
    return make_type("Caméra 360", units=1, requires_approval=True)


@pytest.fixture
def monday():
    return next_weekday(0)


@pytest.fixture
def laptop_reservation(agent, laptop, monday):
    """The agent's approved laptop loan for Monday, picked up at 9:00."""
    return reserve(agent, laptop, monday, days=1)
