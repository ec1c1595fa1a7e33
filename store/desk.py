"""What store staff do at the desk: hand over, take back, extend, count visits.

Deadlines (overdue loans, no-shows) are also applied here, by
:func:`apply_deadlines`, which the ``store_apply_deadlines`` command runs.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from . import availability
from .errors import StoreError
from .models import DeskVisit, Reservation, ReservationStatus, UnitCondition, UnitState
from .models.reservations import OUT_STATUSES
from .permissions import check_store_staff
from .reservations import (
    allocate_unit,
    check_capacity,
    check_status,
    find_unit,
    lock_for_unit_change,
    record_change,
)

logger = logging.getLogger(__name__)

Status = ReservationStatus
# Conditions that send a returned unit to maintenance.
NEEDS_MAINTENANCE = (UnitCondition.DAMAGED, UnitCondition.INCOMPLETE)


def hand_over(
    staff,
    reservation_id: int,
    tag: str = "",
    condition: str = UnitCondition.GOOD,
    notes: str = "",
) -> Reservation:
    """Give the equipment to the agent: the reservation becomes collected.

    The scanned unit replaces the allocated one when it differs. An agent
    who comes before the pick-up day gets the loan from today, if the unit
    and the type are free for the added days.
    """
    check_store_staff(staff)
    today = timezone.localdate()
    with transaction.atomic():
        reservation = lock_for_unit_change(reservation_id)
        check_status(reservation, Status.APPROVED, Status.READY)
        start_date = min(reservation.start_date, today)
        if start_date < reservation.start_date:
            check_capacity(
                reservation.equipment_type,
                start_date,
                reservation.end_date,
                exclude_pk=reservation.pk,
            )
        unit = find_unit(tag) if tag.strip() else reservation.unit
        if (
            unit is None
            or unit.pk != reservation.unit_id
            or start_date != (reservation.start_date)
        ):
            unit = allocate_unit(reservation, unit, start_date, reservation.end_date)
        reservation.unit = unit
        reservation.start_date = start_date
        reservation.collected_at = timezone.now()
        reservation.handover_condition = condition or UnitCondition.GOOD
        if notes.strip():
            reservation.condition_notes = notes.strip()[:1000]
        record_change(
            reservation, Status.COLLECTED, actor=staff, note=f"unit {unit.asset_tag}"
        )
    return reservation


def find_loan_of_unit(tag: str) -> Reservation:
    """Return the loan that has the unit out, or raise a clear error."""
    unit = find_unit(tag)
    loan = (
        Reservation.objects.filter(unit=unit, status__in=OUT_STATUSES)
        .order_by("-collected_at")
        .first()
    )
    if loan is None:
        raise StoreError("unit_not_out", field="asset_tag", tag=unit.asset_tag)
    return loan


def take_back(
    staff, tag: str, condition: str = UnitCondition.GOOD, notes: str = ""
) -> Reservation:
    """Take the unit back: its loan is returned, with the condition recorded.

    A damaged or incomplete unit goes to maintenance, which takes it out of
    the units that can be reserved.
    """
    check_store_staff(staff)
    if condition not in UnitCondition.values:
        condition = UnitCondition.GOOD
    with transaction.atomic():
        loan = find_loan_of_unit(tag)
        reservation = lock_for_unit_change(loan.pk)
        check_status(reservation, Status.COLLECTED, Status.OVERDUE)
        reservation.returned_at = timezone.now()
        reservation.return_condition = condition
        if notes.strip():
            separator = "\n" if reservation.condition_notes else ""
            reservation.condition_notes += separator + notes.strip()[:1000]
        unit = reservation.unit
        if condition in NEEDS_MAINTENANCE:
            unit.state = UnitState.MAINTENANCE
            unit.save(update_fields=["state"])
        record_change(
            reservation,
            Status.RETURNED,
            actor=staff,
            note=f"unit {unit.asset_tag}, {UnitCondition(condition).label}",
        )
    return reservation


def extend_loan(staff, reservation_id: int, new_end_date: datetime.date) -> Reservation:
    """Move the return day later, if the unit and the type stay free."""
    check_store_staff(staff)
    with transaction.atomic():
        reservation = lock_for_unit_change(reservation_id)
        check_status(
            reservation, Status.APPROVED, Status.READY, Status.COLLECTED, Status.OVERDUE
        )
        if new_end_date <= reservation.end_date:
            raise StoreError("extension_not_later", field="end_date")
        if new_end_date <= timezone.localdate():
            raise StoreError("start_in_past", field="end_date")
        equipment_type = reservation.equipment_type
        if (new_end_date - reservation.start_date).days > equipment_type.max_loan_days:
            raise StoreError(
                "too_long",
                field="end_date",
                name=equipment_type.display_name,
                max_days=equipment_type.max_loan_days,
            )
        check_capacity(
            equipment_type,
            reservation.start_date,
            new_end_date,
            exclude_pk=reservation.pk,
        )
        if reservation.unit is not None and not availability.is_unit_free(
            reservation.unit, reservation.start_date, new_end_date, reservation.pk
        ):
            raise StoreError("unit_busy", tag=reservation.unit.asset_tag)
        old_end = reservation.end_date
        reservation.end_date = new_end_date
        # An overdue loan extended past today is on time again.
        status = reservation.status
        if status == Status.OVERDUE:
            status = Status.COLLECTED
        record_change(
            reservation,
            status,
            actor=staff,
            note=f"return day {old_end.isoformat()} → {new_end_date.isoformat()}",
        )
    return reservation


def record_visit(staff, space: str) -> DeskVisit:
    """Count one walk-in visit to a space; no person is recorded."""
    from home.models import Space

    check_store_staff(staff)
    if space not in Space.values:
        raise ValueError(f"unknown space {space!r}: use one of {Space.values}")
    visit = DeskVisit.objects.create(space=space, recorded_at=timezone.now())
    logger.info("desk visit %s recorded for space %s", visit.pk, space)
    return visit


def count_visits_today() -> dict[str, int]:
    """Return today's visit count for each space."""
    from home.models import Space

    today = timezone.localdate()
    counts = dict.fromkeys(Space.values, 0)
    for space in DeskVisit.objects.filter(recorded_at__date=today).values_list(
        "space", flat=True
    ):
        counts[space] += 1
    return counts


def apply_deadlines(today: datetime.date | None = None) -> dict[str, int]:
    """Write the overdue and no-show statuses that reading already shows.

    Idempotent: a second run finds nothing more to change. Returns how many
    reservations became overdue and how many became no-shows.
    """
    today = today or timezone.localdate()
    changed = {Status.OVERDUE: 0, Status.NO_SHOW: 0}
    overdue_ids = list(
        Reservation.objects.filter(
            status=Status.COLLECTED, end_date__lt=today
        ).values_list("pk", flat=True)
    )
    no_show_ids = list(
        Reservation.objects.filter(
            status__in=(Status.REQUESTED, Status.APPROVED, Status.READY),
            start_date__lt=today,
        ).values_list("pk", flat=True)
    )
    for target, ids in ((Status.OVERDUE, overdue_ids), (Status.NO_SHOW, no_show_ids)):
        for reservation_id in ids:
            with transaction.atomic():
                reservation = (
                    Reservation.objects.select_for_update()
                    .filter(pk=reservation_id)
                    .first()
                )
                # Another writer may have changed it since the list was read.
                if reservation is None or (
                    reservation.get_effective_status(today) != target
                    or reservation.status == target
                ):
                    continue
                if target == Status.NO_SHOW:
                    reservation.unit = None
                record_change(reservation, target, note="deadline passed")
                changed[target] += 1
    logger.info(
        "deadlines applied for %s: %s overdue, %s no-shows",
        today,
        changed[Status.OVERDUE],
        changed[Status.NO_SHOW],
    )
    return {"overdue": changed[Status.OVERDUE], "no_show": changed[Status.NO_SHOW]}
