"""Registrations racing for the last seats, on the configured database.

The issue's figure (50 people for 10 seats) runs on SQLite too, where
IMMEDIATE transactions serialise the writers; on PostgreSQL the row lock on
the event does the work.
"""

import pytest
from django.core import mail

from events import registrations as services
from events.models import Registration, RegistrationStatus
from tests.concurrency import call_at_once

PEOPLE = 50
SEATS = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_people_ten_seats(programme, venue, make_user):
    from .conftest import add_masterclass, paris_time

    page = add_masterclass(
        programme,
        "Très demandé",
        paris_time(2031, 5, 6, 10),
        paris_time(2031, 5, 6, 12),
    )
    page.capacity = SEATS
    page.save_revision().publish()
    people = [make_user() for _index in range(PEOPLE)]

    errors = call_at_once(lambda user: services.register(user, page), people).errors

    registrations = Registration.objects.filter(event=page)
    assert errors == []
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 40
    positions = sorted(
        services.get_waiting_position(registration)
        for registration in registrations.filter(status=RegistrationStatus.WAITING)
    )
    assert positions == list(range(1, 41))
    assert len(mail.outbox) == PEOPLE

    first_waiting = registrations.waiting().first()
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED)
    leaving = list(confirmed[:2])
    errors = call_at_once(
        lambda registration: services.cancel(registration.pk, user=registration.user),
        leaving,
    ).errors

    assert errors == []
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 38
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_same_person_twice_at_once_registers_once(programme, venue, make_user):
    from .conftest import add_masterclass, paris_time

    page = add_masterclass(
        programme, "Doublon", paris_time(2031, 5, 6, 10), paris_time(2031, 5, 6, 12)
    )
    agent = make_user()

    errors = call_at_once(
        lambda user: services.register(user, page), [agent] * 5
    ).errors

    assert Registration.objects.filter(event=page, user=agent).count() == 1
    assert len(errors) == 4
    assert {error.code for error in errors} == {"already_registered"}
