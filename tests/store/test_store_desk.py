"""Desk services: hand-over, take-back, extension, visits and deadlines."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from store import desk
from store import reservations as services
from store.errors import StoreError
from store.models import (
    DeskVisit,
    Reservation,
    ReservationEvent,
    ReservationStatus,
    UnitState,
)
from tests.store.conftest import make_type, reserve, slot_at

Status = ReservationStatus
DAY = datetime.timedelta(days=1)


def make_past_loan(user, equipment_type, status, start_days_ago, days):
    """Create a reservation that started in the past, as the desk left it."""
    today = timezone.localdate()
    start = today - start_days_ago * DAY
    return Reservation.objects.create(
        equipment_type=equipment_type,
        unit=equipment_type.units.first(),
        user=user,
        status=status,
        start_date=start,
        end_date=start + days * DAY,
        pickup_at=timezone.now() - start_days_ago * DAY,
        terms_accepted_at=timezone.now(),
    )


def test_hand_over_and_take_back(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)
    unit = laptop.units.get()

    desk.hand_over(staff, reservation.pk, unit.asset_tag)
    reservation.refresh_from_db()
    assert reservation.status == Status.COLLECTED
    assert reservation.unit == unit
    assert reservation.collected_at is not None

    desk.take_back(staff, unit.asset_tag.lower() + " ", "worn", "Rayure")
    reservation.refresh_from_db()
    assert reservation.status == Status.RETURNED
    assert reservation.return_condition == "worn"
    assert "Rayure" in reservation.condition_notes
    actors = list(reservation.events.values_list("actor", flat=True))
    assert actors[-2:] == [staff.pk, staff.pk]


def test_hand_over_early_moves_start_to_today(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    desk.hand_over(staff, reservation.pk)

    reservation.refresh_from_db()
    assert reservation.start_date == timezone.localdate()
    assert reservation.status == Status.COLLECTED


def test_hand_over_early_refused_when_unit_busy_before(
    agent, other_agent, staff, laptop, monday
):
    today = timezone.localdate()
    make_past_loan(other_agent, laptop, Status.COLLECTED, 0, (monday - today).days)
    reservation = reserve(agent, laptop, monday)

    with pytest.raises(StoreError) as error:
        desk.hand_over(staff, reservation.pk)

    assert error.value.code == "unavailable"
    reservation.refresh_from_db()
    assert reservation.status == Status.APPROVED
    assert reservation.start_date == monday


def test_hand_over_unknown_tag_refused(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    with pytest.raises(StoreError) as error:
        desk.hand_over(staff, reservation.pk, "NOPE-404")

    assert error.value.code == "unit_unknown"
    assert "NOPE-404" in error.value.message
    reservation.refresh_from_db()
    assert reservation.status == Status.APPROVED


def test_hand_over_wrong_type_refused(agent, staff, laptop, monday):
    other = make_type("Tablette", units=1)
    reservation = reserve(agent, laptop, monday)

    with pytest.raises(StoreError) as error:
        desk.hand_over(staff, reservation.pk, other.units.get().asset_tag)

    assert error.value.code == "unit_wrong_type"


def test_take_back_unit_not_out_refused(staff, laptop):
    with pytest.raises(StoreError) as error:
        desk.take_back(staff, laptop.units.get().asset_tag)

    assert error.value.code == "unit_not_out"


def test_take_back_damaged_sends_unit_to_maintenance(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)
    desk.hand_over(staff, reservation.pk)

    desk.take_back(staff, laptop.units.get().asset_tag, "damaged", "Écran fêlé")

    assert laptop.units.get().state == UnitState.MAINTENANCE


def test_extend_loan_without_conflict(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    desk.extend_loan(staff, reservation.pk, monday + 5 * DAY)

    reservation.refresh_from_db()
    assert reservation.end_date == monday + 5 * DAY
    assert "→" in reservation.events.last().note


def test_extend_loan_into_next_reservation_refused(
    agent, other_agent, staff, laptop, monday
):
    reservation = reserve(agent, laptop, monday)
    reserve(other_agent, laptop, monday + 4 * DAY, hour=10)

    with pytest.raises(StoreError) as error:
        desk.extend_loan(staff, reservation.pk, monday + 5 * DAY)

    assert error.value.code == "unavailable"
    reservation.refresh_from_db()
    assert reservation.end_date == monday + 2 * DAY


def test_extend_up_to_next_reservation_allowed(
    agent, other_agent, staff, laptop, monday
):
    reservation = reserve(agent, laptop, monday)
    reserve(other_agent, laptop, monday + 4 * DAY, hour=10)

    desk.extend_loan(staff, reservation.pk, monday + 4 * DAY)

    reservation.refresh_from_db()
    assert reservation.end_date == monday + 4 * DAY


def test_extend_beyond_maximum_refused(agent, staff, laptop, monday):
    reservation = reserve(agent, laptop, monday)

    with pytest.raises(StoreError) as error:
        desk.extend_loan(staff, reservation.pk, monday + 30 * DAY)

    assert error.value.code == "too_long"


def test_overdue_loan_blocks_following_days(agent, other_agent, laptop):
    make_past_loan(agent, laptop, Status.COLLECTED, 5, 2)
    today = timezone.localdate()

    with pytest.raises(StoreError) as error:
        services.create_reservation(
            other_agent,
            laptop.pk,
            today,
            today + DAY,
            pickup_at=slot_at(today, 17),
            accepted_terms=True,
        )

    assert error.value.code in {
        "unavailable",
        "day_closed",
        "slot_closed",
        "slot_too_soon",
    }


def test_overdue_shown_without_command(agent, laptop):
    loan = make_past_loan(agent, laptop, Status.COLLECTED, 5, 2)

    assert loan.status == Status.COLLECTED
    assert loan.effective_status == Status.OVERDUE


def test_no_show_shown_without_command(agent, laptop):
    reservation = make_past_loan(agent, laptop, Status.READY, 2, 3)

    assert reservation.effective_status == Status.NO_SHOW


def test_deadline_command_twice_changes_nothing_more(agent, other_agent, laptop):
    overdue = make_past_loan(agent, laptop, Status.COLLECTED, 5, 2)
    no_show = make_past_loan(other_agent, laptop, Status.APPROVED, 3, 4)
    on_time = make_past_loan(other_agent, laptop, Status.COLLECTED, 1, 5)

    call_command("store_apply_deadlines", verbosity=0)
    statuses = dict(Reservation.objects.values_list("pk", "status"))
    event_count = ReservationEvent.objects.count()
    call_command("store_apply_deadlines", verbosity=0)

    assert statuses[overdue.pk] == Status.OVERDUE
    assert statuses[no_show.pk] == Status.NO_SHOW
    assert statuses[on_time.pk] == Status.COLLECTED
    assert dict(Reservation.objects.values_list("pk", "status")) == statuses
    assert ReservationEvent.objects.count() == event_count
    assert Reservation.objects.get(pk=no_show.pk).unit is None


def test_overdue_loan_can_be_taken_back(agent, staff, laptop):
    loan = make_past_loan(agent, laptop, Status.COLLECTED, 5, 2)
    desk.apply_deadlines()

    desk.take_back(staff, laptop.units.get().asset_tag)

    loan.refresh_from_db()
    assert loan.status == Status.RETURNED


def test_record_visit_has_no_person(staff):
    visit = desk.record_visit(staff, "lab")

    field_names = {field.name for field in DeskVisit._meta.get_fields()}
    assert field_names == {"id", "space", "recorded_at"}
    assert desk.count_visits_today()["lab"] == 1
    assert visit.space == "lab"


def test_record_visit_by_agent_refused(agent):
    with pytest.raises(StoreError) as error:
        desk.record_visit(agent, "store")

    assert error.value.code == "forbidden"
    assert DeskVisit.objects.count() == 0
