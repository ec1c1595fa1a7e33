"""Concurrent writers never overbook, on the configured database.

On PostgreSQL the type row lock serialises them; on SQLite the IMMEDIATE
transactions do. Both run here, depending on DATABASE_URL.
"""

import datetime
import threading

import pytest
from django.db import connection

from store import reservations as services
from store.errors import StoreError
from store.models import Reservation, ReservationStatus, StoreSettings
from tests.store.conftest import make_type, make_user, next_weekday, slot_at

PEOPLE = 20
DAY = datetime.timedelta(days=1)


def run_at_once(functions):
    """Run each function in its own thread at the same moment.

    Returns the results and the errors that the functions raised.
    """
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            # The test database cannot be flushed while a thread's
            # connection stays open.
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_twenty_reservations_for_last_unit_one_succeeds(opening_hours):
    StoreSettings.objects.update(slot_capacity=PEOPLE * 2)
    equipment_type = make_type("Portable", units=1)
    monday = next_weekday(0)
    agents = [make_user(f"Agent{number}") for number in range(PEOPLE)]

    def reserve_for(agent):
        return lambda: services.create_reservation(
            agent,
            equipment_type.pk,
            monday,
            monday + 2 * DAY,
            pickup_at=slot_at(monday, 9),
            accepted_terms=True,
        )

    results, errors = run_at_once([reserve_for(agent) for agent in agents])

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
        services.create_reservation(
            make_user(f"Demandeur{number}"),
            equipment_type.pk,
            monday,
            monday + 2 * DAY,
            pickup_at=slot_at(monday, 9),
            accepted_terms=True,
        )
        for number in range(5)
    ]

    results, errors = run_at_once(
        [
            (lambda pk=request.pk: services.approve_reservation(staff, pk))
            for request in requests
        ]
    )

    assert len(results) == 1
    assert {error.code for error in errors} == {"unavailable"}
    assert Reservation.objects.filter(status=ReservationStatus.APPROVED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_fill_slot_exactly(opening_hours):
    equipment_type = make_type("Casque", units=PEOPLE, max_active_loans_per_agent=1)
    monday = next_weekday(0)
    agents = [make_user(f"Casque{number}") for number in range(10)]

    results, errors = run_at_once(
        [
            (
                lambda agent=agent: services.create_reservation(
                    agent,
                    equipment_type.pk,
                    monday,
                    monday + DAY,
                    pickup_at=slot_at(monday, 10),
                    accepted_terms=True,
                )
            )
            for agent in agents
        ]
    )

    assert len(results) == opening_hours.slot_capacity
    assert {error.code for error in errors} == {"slot_full"}
