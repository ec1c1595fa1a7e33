"""Reservation services: rules, lifecycle, records and e-mails."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import time_format

from store import availability
from store import reservations as services
from store.errors import StoreError
from store.models import Closure, Reservation, ReservationEvent, ReservationStatus
from tests.store.conftest import make_type, make_user, reserve, slot_at

Status = ReservationStatus
DAY = datetime.timedelta(days=1)


def test_reserve_type_without_approval_is_approved(agent, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    assert reservation.status == Status.APPROVED
    changes = list(reservation.events.values_list("from_status", "to_status"))
    assert changes == [("", Status.REQUESTED), (Status.REQUESTED, Status.APPROVED)]
    assert reservation.events.first().actor == agent
    assert reservation.terms_accepted_at is not None


def test_reserve_sends_email(agent, laptop, monday, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reserve(agent, laptop, monday)

    # An automatic approval sends one e-mail, about the approved status.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [agent.email]
    assert "R-" in message.subject
    assert "is now: approved." in message.body
    assert "/boutique/mon-espace/" in message.body


def test_status_email_lower_case_after_colon(
    agent, laptop, monday, django_capture_on_commit_callbacks
):
    """French and English write no capital after a colon inside a sentence."""
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reservation = reserve(agent, laptop, monday)

    body = mail.outbox[0].body
    assert (
        f"{reservation.reference} (Ordinateur portable) est désormais\u202f: validée."
        in body
    )
    assert "est désormais\u202f: Validée" not in body


def test_reserve_email_gives_pickup_slot_in_both_languages(
    agent, laptop, monday, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reserve(agent, laptop, monday)

    body = mail.outbox[0].body
    with translation.override("fr"):
        french_range = "de {} à {}".format(
            time_format(slot_at(monday, 9), "TIME_FORMAT"),
            time_format(slot_at(monday, 9, 30), "TIME_FORMAT"),
        )
    assert "Retrait le lundi" in body
    assert french_range in body
    assert "Pick-up on Monday" in body


def test_reserve_overlapping_refused(agent, other_agent, laptop, monday):
    reserve(agent, laptop, monday, days=3)

    with pytest.raises(StoreError) as error:
        reserve(other_agent, laptop, monday + DAY, days=1, hour=10)

    assert error.value.code == "unavailable"
    assert Reservation.objects.count() == 1


def test_reserve_back_to_back_allowed(agent, other_agent, laptop, monday):
    first = reserve(agent, laptop, monday, days=2)

    second = reserve(other_agent, laptop, first.end_date, days=2, hour=10)

    assert second.status == Status.APPROVED
    assert first.end_date == second.start_date


def test_reserve_just_before_allowed(agent, other_agent, laptop, monday):
    later = reserve(agent, laptop, monday + 2 * DAY, days=1)

    earlier = reserve(other_agent, laptop, monday, days=2, hour=10)

    assert earlier.end_date == later.start_date


@pytest.mark.parametrize(
    "case",
    [
        (-20, 2, "start_in_past"),
        (0, 0, "end_not_after_start"),
        (0, -1, "end_not_after_start"),
        (0, 15, "too_long"),
        (400, 2, "start_too_far"),
    ],
)
def test_reserve_bad_dates_refused(agent, laptop, monday, case):
    start_offset, days, code = case
    start = monday + start_offset * DAY
    with pytest.raises(StoreError) as error:
        services.create_reservation(
            agent,
            laptop.pk,
            start,
            start + days * DAY,
            pickup_at=slot_at(monday, 9),
            accepted_terms=True,
        )

    assert error.value.code == code
    assert Reservation.objects.count() == 0


def test_reserve_slot_outside_opening_hours_refused(agent, laptop, monday):
    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday, pickup_at=slot_at(monday, 12, 45))

    assert error.value.code == "slot_closed"
    assert "opening hours" in error.value.message
    assert Reservation.objects.count() == 0


def test_reserve_slot_off_grid_refused(agent, laptop, monday):
    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday, pickup_at=slot_at(monday, 9, 10))

    assert error.value.code == "slot_closed"


def test_reserve_slot_on_closure_refused(agent, laptop, monday):
    Closure.objects.create(start_date=monday, end_date=monday, reason="Férié")

    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday)

    assert error.value.code == "day_closed"
    assert "(Férié)" in error.value.message


def test_reserve_slot_other_day_refused(agent, laptop, monday):
    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday, pickup_at=slot_at(monday + DAY, 9))

    assert error.value.code == "slot_wrong_day"


def test_reserve_within_lead_time_refused(agent, opening_hours, monday):
    equipment_type = make_type("Visio", units=1, lead_time_hours=24 * 30)

    with pytest.raises(StoreError) as error:
        reserve(agent, equipment_type, monday)

    assert error.value.code == "slot_too_soon"


def test_reserve_full_slot_refused(opening_hours, monday):
    equipment_type = make_type("Casque", units=5, max_active_loans_per_agent=5)
    for _number in range(opening_hours.slot_capacity):
        reserve(make_user("Agent"), equipment_type, monday)

    with pytest.raises(StoreError) as error:
        reserve(make_user("Late"), equipment_type, monday)

    assert error.value.code == "slot_full"
    assert Reservation.objects.count() == opening_hours.slot_capacity


def test_reserve_more_loans_than_allowed_refused(agent, opening_hours, monday):
    equipment_type = make_type("Tablette", units=3, max_active_loans_per_agent=1)
    reserve(agent, equipment_type, monday)

    with pytest.raises(StoreError) as error:
        reserve(agent, equipment_type, monday + 7 * DAY)

    assert error.value.code == "too_many_loans"
    assert Reservation.objects.filter(user=agent).count() == 1


@pytest.mark.parametrize(
    ("allowed", "language", "expected"),
    [
        (1, "en", "You already have an open Tablette reservation, the maximum"),
        (2, "en", "You already have 2 open Tablette reservations, the maximum"),
        (1, "fr", "Vous avez déjà une réservation en cours de «\u202fTablette\u202f»"),
        (2, "fr", "Vous avez déjà 2 réservations en cours de «\u202fTablette\u202f»"),
    ],
)
@pytest.mark.usefixtures("opening_hours")
def test_loan_limit_message_agrees_with_count(
    agent, monday, allowed, language, expected
):
    """The limit is often one, which read "1 open reservations"."""
    equipment_type = make_type("Tablette", units=3, max_active_loans_per_agent=allowed)
    for week in range(allowed):
        reserve(agent, equipment_type, monday + 7 * week * DAY)

    with pytest.raises(StoreError) as error:
        reserve(agent, equipment_type, monday + 7 * allowed * DAY)

    with translation.override(language):
        assert error.value.message.startswith(expected)


def test_reserve_without_terms_refused(agent, laptop, monday):
    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday, accepted_terms=False)

    assert error.value.code == "terms_not_accepted"


def test_reserve_partner_refused(partner, laptop, monday):
    with pytest.raises(StoreError) as error:
        reserve(partner, laptop, monday)

    assert error.value.code == "forbidden"


def test_request_needing_approval_holds_nothing(agent, other_agent, camera, monday):
    first = reserve(agent, camera, monday)
    second = reserve(other_agent, camera, monday, hour=10)

    assert first.status == second.status == Status.REQUESTED
    assert availability.has_free_unit(camera, monday, monday + 2 * DAY)


def test_approve_second_overlapping_request_refused(
    agent, other_agent, staff, camera, monday
):
    first = reserve(agent, camera, monday)
    second = reserve(other_agent, camera, monday + DAY, hour=10)

    services.approve_reservation(staff, first.pk)
    with pytest.raises(StoreError) as error:
        services.approve_reservation(staff, second.pk)

    assert error.value.code == "unavailable"
    second.refresh_from_db()
    assert second.status == Status.REQUESTED
    first.refresh_from_db()
    assert first.status == Status.APPROVED
    assert first.events.last().actor == staff


def test_approve_by_agent_refused(agent, camera, monday):
    reservation = reserve(agent, camera, monday)

    with pytest.raises(StoreError) as error:
        services.approve_reservation(agent, reservation.pk)

    assert error.value.code == "forbidden"


def test_approve_twice_refused(agent, staff, camera, monday):
    reservation = reserve(agent, camera, monday)
    services.approve_reservation(staff, reservation.pk)

    with pytest.raises(StoreError) as error:
        services.approve_reservation(staff, reservation.pk)

    assert error.value.code == "bad_transition"
    assert reservation.events.count() == 2


def test_cancel_frees_the_days(agent, other_agent, laptop, monday):
    first = reserve(agent, laptop, monday)

    services.cancel_reservation(agent, first.pk)
    second = reserve(other_agent, laptop, monday, hour=10)

    first.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert second.status == Status.APPROVED


def test_cancel_by_other_agent_refused(agent, other_agent, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    with pytest.raises(StoreError) as error:
        services.cancel_reservation(other_agent, reservation.pk)

    assert error.value.code == "not_found"
    reservation.refresh_from_db()
    assert reservation.status == Status.APPROVED


def test_prepare_allocates_a_free_unit(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    services.prepare_reservation(staff, reservation.pk)

    reservation.refresh_from_db()
    assert reservation.status == Status.READY
    assert reservation.unit == laptop.units.get()


def test_prepare_with_busy_unit_refused(
    agent, other_agent, staff, opening_hours, monday
):
    equipment_type = make_type("Tablette", units=2)
    first = reserve(agent, equipment_type, monday)
    second = reserve(other_agent, equipment_type, monday, hour=10)
    unit = equipment_type.units.first()
    services.prepare_reservation(staff, first.pk, unit.asset_tag)

    with pytest.raises(StoreError) as error:
        services.prepare_reservation(staff, second.pk, unit.asset_tag)

    assert error.value.code == "unit_busy"
    services.prepare_reservation(staff, second.pk)
    second.refresh_from_db()
    assert second.unit != unit


def test_unit_in_maintenance_reduces_capacity(agent, laptop, monday):
    laptop.units.update(state="maintenance")

    with pytest.raises(StoreError) as error:
        reserve(agent, laptop, monday)

    assert error.value.code == "unavailable"


def test_reserve_on_clock_change_day(agent, opening_hours):
    from store.models import OpeningHours

    sunday = datetime.date(2027, 3, 28)
    OpeningHours.objects.create(
        weekday=6, opens_at=datetime.time(8, 30), closes_at=datetime.time(12, 0)
    )
    equipment_type = make_type("Micro", units=1)

    reservation = reserve(agent, equipment_type, sunday, hour=9)

    reservation.refresh_from_db()
    local = timezone.localtime(reservation.pickup_at)
    assert (local.hour, local.minute) == (9, 0)
    assert reservation.pickup_at.astimezone(datetime.UTC).hour == 7


def test_every_change_recorded(agent, staff, camera, monday):
    reservation = reserve(agent, camera, monday)
    services.approve_reservation(staff, reservation.pk)
    services.prepare_reservation(staff, reservation.pk)
    services.cancel_reservation(agent, reservation.pk)

    events = list(ReservationEvent.objects.filter(reservation=reservation))
    assert [event.to_status for event in events] == [
        Status.REQUESTED,
        Status.APPROVED,
        Status.READY,
        Status.CANCELLED,
    ]
    assert [event.actor for event in events] == [agent, staff, staff, agent]
    assert all(event.at is not None for event in events)
