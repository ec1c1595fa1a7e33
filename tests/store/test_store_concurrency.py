"""Concurrent writers never overbook, on the configured database.

On PostgreSQL the type row lock serialises them; on SQLite the IMMEDIATE
transactions do. Both run here, depending on DATABASE_URL.
"""

import pytest

from store import reservations as services
from store.errors import StoreError
from store.models import Reservation, ReservationStatus, StoreSettings
from tests.concurrency import call_at_once
from tests.store.conftest import make_type, make_user, next_weekday, reserve

PEOPLE = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_reservations_for_last_unit_one_succeeds(opening_hours):
    StoreSettings.objects.update(slot_capacity=PEOPLE * 2)
    equipment_type = make_type("Portable", units=1)
    monday = next_weekday(0)
    agents = [make_user(f"Agent{number}") for number in range(PEOPLE)]

    results, errors = call_at_once(
        lambda agent: reserve(agent, equipment_type, monday, days=2), agents
    )

    assert len(results) == 1
    assert len(errors) == PEOPLE - 1
    assert {type(error) for error in errors} == {StoreError}
    assert {error.code for error in errors} == {"unavailable"}
    holding = Reservation.objects.filter(status=ReservationStatus.APPROVED)
    assert holding.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_of_overlapping_requests_one_succeeds(opening_hours):
    StoreSettings.objects.update(slot_capacity=PEOPLE * 2)
    equipment_type = make_type("Caméra", units=1, requires_approval=True)
    monday = next_weekday(0)
    staff = make_user("Chef", staff=True)
    requests = [
        reserve(make_user(f"Demandeur{number}"), equipment_type, monday, days=2)
        for number in range(5)
    ]

    results, errors = call_at_once(
        lambda request: services.approve_reservation(staff, request.pk), requests
    )

    assert len(results) == 1
    assert {error.code for error in errors} == {"unavailable"}
    assert Reservation.objects.filter(status=ReservationStatus.APPROVED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_fill_slot_exactly(opening_hours):
    equipment_type = make_type("Casque", units=PEOPLE, max_active_loans_per_agent=1)
    monday = next_weekday(0)
    agents = [make_user(f"Casque{number}") for number in range(10)]

    results, errors = call_at_once(
        lambda agent: reserve(agent, equipment_type, monday, days=1, hour=10), agents
    )

    assert len(results) == opening_hours.slot_capacity
    assert {error.code for error in errors} == {"slot_full"}
