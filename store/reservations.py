"""State changes of reservations, each in one transaction with its record.

Capacity is checked again inside the write transaction, after locking. On
PostgreSQL, the equipment type's row (``SELECT … FOR UPDATE``) serialises
every change that takes or moves units of that type. Creating a reservation
also locks the store settings row first, which serialises pick-up slot
counts across types. On SQLite, transactions start ``IMMEDIATE`` (see
``cms/env.py``), which takes the database's write lock before the check.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from home.templatetags.smartcorner import day_date

from . import availability, slots
from .errors import StoreError
from .models import (
    OPEN_STATUSES,
    EquipmentType,
    EquipmentUnit,
    Reservation,
    ReservationEvent,
    ReservationStatus,
    StoreSettings,
)
from .models.reservations import EVENT_NOTE_MAX_LENGTH
from .permissions import check_agent, check_store_staff, is_store_staff

logger = logging.getLogger(__name__)

Status = ReservationStatus


def lock_equipment_type(type_id: int) -> EquipmentType:
    """Lock and return an equipment type (a row lock on PostgreSQL)."""
    equipment_type = (
        EquipmentType.objects.select_for_update().filter(pk=type_id).first()
    )
    if equipment_type is None:
        raise StoreError("type_not_found")
    return equipment_type


def lock_reservation(reservation_id: int) -> Reservation:
    reservation = (
        # Lock the reservation's row only: the unit is an outer join.
        Reservation.objects.select_for_update(of=("self",))
        .select_related("equipment_type", "unit")
        .filter(pk=reservation_id)
        .first()
    )
    if reservation is None:
        raise StoreError("not_found")
    return reservation


def record_change(
    reservation: Reservation, to_status: str, actor=None, note: str = ""
) -> ReservationEvent:
    """Save the new status, record who changed it, and e-mail after commit."""
    from .notifications import send_reservation_email

    if len(note) > EVENT_NOTE_MAX_LENGTH or "\x00" in note:
        # Forms check the notes that people type, such as RejectForm. A note
        # that reaches this point unchecked is a bug, so it is not cut in silence.
        raise ValueError(
            f"note must have at most {EVENT_NOTE_MAX_LENGTH} characters and no "
            f"NUL, got {len(note)} characters"
        )
    from_status = reservation.status if reservation.pk else ""
    reservation.status = to_status
    reservation.save()
    event = ReservationEvent.objects.create(
        reservation=reservation,
        from_status=from_status,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )
    transaction.on_commit(lambda: send_reservation_email.enqueue(event.pk), robust=True)
    logger.info(
        "reservation %s: %s → %s by user %s",
        reservation.pk,
        from_status or "(new)",
        to_status,
        getattr(actor, "pk", None),
    )
    return event


# How far ahead an agent may book: the store plans its stock a year ahead.
BOOKING_HORIZON_DAYS = 365


def check_dates(
    equipment_type: EquipmentType,
    start_date: datetime.date,
    end_date: datetime.date,
    today: datetime.date,
) -> None:
    if start_date < today:
        raise StoreError("start_in_past", field="start_date")
    if start_date > today + datetime.timedelta(days=BOOKING_HORIZON_DAYS):
        raise StoreError("start_too_far", field="start_date", days=BOOKING_HORIZON_DAYS)
    if end_date <= start_date:
        raise StoreError("end_not_after_start", field="end_date")
    if (end_date - start_date).days > equipment_type.max_loan_days:
        raise StoreError(
            "too_long",
            field="end_date",
            name=equipment_type.display_name,
            max_days=equipment_type.max_loan_days,
        )


def check_pickup_slot(
    equipment_type: EquipmentType,
    start_date: datetime.date,
    pickup_at: datetime.datetime | None,
    now: datetime.datetime,
) -> None:
    closure_reason = slots.get_closure_reason(start_date)
    if closure_reason is not None:
        raise StoreError(
            "day_closed",
            field="start_date",
            day=day_date(start_date, "l j F Y"),
            reason=closure_reason,
        )
    if pickup_at is None:
        raise StoreError("slot_missing", field="pickup_at")
    if timezone.localtime(pickup_at, slots.get_zone()).date() != start_date:
        raise StoreError("slot_wrong_day", field="pickup_at")
    if not slots.is_opening_slot(pickup_at):
        raise StoreError("slot_closed", field="pickup_at")
    earliest = now + datetime.timedelta(hours=equipment_type.lead_time_hours)
    if pickup_at < earliest:
        raise StoreError(
            "slot_too_soon",
            field="pickup_at",
            name=equipment_type.display_name,
            hours=equipment_type.lead_time_hours,
        )


def check_slot_capacity(store_settings: StoreSettings, pickup_at) -> None:
    taken = Reservation.objects.filter(
        pickup_at=pickup_at, status__in=OPEN_STATUSES
    ).count()
    if taken >= store_settings.slot_capacity:
        raise StoreError("slot_full", field="pickup_at")


def check_agent_limit(user, equipment_type: EquipmentType) -> None:
    count = Reservation.objects.filter(
        user=user, equipment_type=equipment_type, status__in=OPEN_STATUSES
    ).count()
    if count >= equipment_type.max_active_loans_per_agent:
        raise StoreError(
            "too_many_loans", count=count, name=equipment_type.display_name
        )


def check_capacity(
    equipment_type: EquipmentType, start_date, end_date, exclude_pk=None
) -> None:
    if not availability.has_free_unit(equipment_type, start_date, end_date, exclude_pk):
        raise StoreError("unavailable", name=equipment_type.display_name)


def find_request_errors(
    equipment_type: EquipmentType | None,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    pickup_at: datetime.datetime | None,
    accepted_terms: bool,
) -> list[StoreError]:
    """Return every error of a reservation request that the form can show at once.

    Only checks that need no lock run here, and those whose inputs are missing
    are skipped. ``create_reservation`` runs them again with the capacity checks.
    """
    now = timezone.now()
    errors = []
    if equipment_type is not None and start_date and end_date:
        try:
            check_dates(equipment_type, start_date, end_date, timezone.localdate())
        except StoreError as error:
            errors.append(error)
    if equipment_type is not None and start_date:
        try:
            check_pickup_slot(equipment_type, start_date, pickup_at, now)
        except StoreError as error:
            errors.append(error)
    elif pickup_at is None:
        errors.append(StoreError("slot_missing", field="pickup_at"))
    if not accepted_terms:
        errors.append(StoreError("terms_not_accepted", field="accept_terms"))
    return errors


def create_reservation(
    user,
    equipment_type_id: int,
    start_date: datetime.date,
    end_date: datetime.date,
    *,
    pickup_at: datetime.datetime | None,
    accepted_terms: bool,
    note: str = "",
    service_key=None,
) -> Reservation:
    """Reserve a unit of a type for ``[start_date, end_date)``.

    A type that needs no approval is approved at once, if a unit is free on
    every day. A type that needs approval gets a request that takes no unit
    until staff approve it. Such a request is still rejected when nothing is
    free now.
    """
    check_agent(user)
    if not accepted_terms:
        raise StoreError("terms_not_accepted", field="accept_terms")
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        # Settings before type: writers that lock both always take them in this
        # order, so two of them cannot deadlock.
        store_settings = (
            StoreSettings.objects.select_for_update()
            .filter(pk=slots.get_store_settings().pk)
            .first()
        )
        equipment_type = lock_equipment_type(equipment_type_id)
        if not equipment_type.is_active:
            raise StoreError("type_not_found")
        check_dates(equipment_type, start_date, end_date, today)
        check_pickup_slot(equipment_type, start_date, pickup_at, now)
        check_agent_limit(user, equipment_type)
        check_slot_capacity(store_settings, pickup_at)
        check_capacity(equipment_type, start_date, end_date)
        reservation = Reservation(
            equipment_type=equipment_type,
            user=user,
            start_date=start_date,
            end_date=end_date,
            pickup_at=pickup_at,
            terms_accepted_at=now,
            agent_note=note.strip()[:1000],
            service_key=service_key,
            status=Status.REQUESTED,
        )
        reservation.save()
        ReservationEvent.objects.create(
            reservation=reservation,
            from_status="",
            to_status=Status.REQUESTED,
            actor=user,
        )
        if equipment_type.requires_approval:
            from .notifications import send_reservation_email

            event = reservation.events.get()
            transaction.on_commit(
                lambda: send_reservation_email.enqueue(event.pk), robust=True
            )
        else:
            record_change(reservation, Status.APPROVED, note="automatic approval")
        if service_key:
            from .catalogue import count_demand

            count_demand(service_key)
    logger.info(
        "user %s reserved type %s from %s to %s: reservation %s",
        user.pk,
        equipment_type.pk,
        start_date,
        end_date,
        reservation.pk,
    )
    return reservation


def check_status(reservation: Reservation, *allowed) -> None:
    """Raise unless the reservation's effective status is one of ``allowed``."""
    status = reservation.get_effective_status()
    if status not in allowed:
        raise StoreError(
            "bad_transition",
            reference=reservation.reference,
            status=Status(status).label,
        )


def approve_reservation(staff, reservation_id: int) -> Reservation:
    """Approve a request, if a unit is still free on every day it covers."""
    check_store_staff(staff)
    with transaction.atomic():
        reservation = lock_for_unit_change(reservation_id)
        check_status(reservation, Status.REQUESTED)
        check_capacity(
            reservation.equipment_type,
            reservation.start_date,
            reservation.end_date,
            exclude_pk=reservation.pk,
        )
        record_change(reservation, Status.APPROVED, actor=staff)
    return reservation


def reject_reservation(staff, reservation_id: int, note: str = "") -> Reservation:
    check_store_staff(staff)
    with transaction.atomic():
        reservation = lock_reservation(reservation_id)
        check_status(reservation, Status.REQUESTED)
        record_change(reservation, Status.REJECTED, actor=staff, note=note)
    return reservation


def cancel_reservation(user, reservation_id: int) -> Reservation:
    """Cancel a reservation not yet collected, by its agent or by staff."""
    if not user.is_authenticated:
        raise StoreError("sign_in_required")
    with transaction.atomic():
        reservation = lock_reservation(reservation_id)
        if reservation.user_id != user.pk and not is_store_staff(user):
            raise StoreError("not_found")
        check_status(reservation, Status.REQUESTED, Status.APPROVED, Status.READY)
        reservation.unit = None
        record_change(reservation, Status.CANCELLED, actor=user)
    return reservation


def lock_for_unit_change(reservation_id: int) -> Reservation:
    """Lock the reservation's type, then the reservation itself."""
    type_id = (
        Reservation.objects.filter(pk=reservation_id)
        .values_list("equipment_type_id", flat=True)
        .first()
    )
    if type_id is None:
        raise StoreError("not_found")
    lock_equipment_type(type_id)
    return lock_reservation(reservation_id)


def find_unit(tag: str) -> EquipmentUnit:
    from .models.equipment import normalize_asset_tag

    normalized = normalize_asset_tag(tag)
    if "\x00" in normalized:
        # No tag contains NUL, and PostgreSQL rejects it in a query parameter.
        raise StoreError(
            "unit_unknown", field="asset_tag", tag=tag.replace("\x00", "")[:40]
        )
    unit = (
        EquipmentUnit.objects.select_related("equipment_type")
        .filter(asset_tag=normalized)
        .first()
    )
    if unit is None:
        raise StoreError("unit_unknown", field="asset_tag", tag=tag.strip()[:40])
    return unit


def allocate_unit(
    reservation: Reservation, unit: EquipmentUnit | None, start_date, end_date
) -> EquipmentUnit:
    """Return ``unit`` (checked) or a free unit for the days; lock held by caller."""
    from .models import UnitState

    if unit is None:
        unit = availability.find_free_unit(
            reservation.equipment_type, start_date, end_date, reservation.pk
        )
        if unit is None:
            raise StoreError(
                "no_free_unit",
                name=reservation.equipment_type.display_name,
                reference=reservation.reference,
            )
        return unit
    if unit.equipment_type_id != reservation.equipment_type_id:
        raise StoreError(
            "unit_wrong_type",
            field="asset_tag",
            tag=unit.asset_tag,
            unit_type=unit.equipment_type.display_name,
            reference=reservation.reference,
            name=reservation.equipment_type.display_name,
        )
    if unit.state != UnitState.IN_SERVICE:
        raise StoreError(
            "unit_not_in_service",
            field="asset_tag",
            tag=unit.asset_tag,
            state=UnitState(unit.state).label,
        )
    if not availability.is_unit_free(unit, start_date, end_date, reservation.pk):
        raise StoreError("unit_busy", field="asset_tag", tag=unit.asset_tag)
    return unit


def prepare_reservation(staff, reservation_id: int, tag: str = "") -> Reservation:
    """Allocate a unit (the scanned one, or any free one): the loan is ready."""
    check_store_staff(staff)
    with transaction.atomic():
        reservation = lock_for_unit_change(reservation_id)
        check_status(reservation, Status.APPROVED, Status.READY)
        unit = find_unit(tag) if tag.strip() else None
        reservation.unit = allocate_unit(
            reservation, unit, reservation.start_date, reservation.end_date
        )
        note = f"unit {reservation.unit.asset_tag}"
        record_change(reservation, Status.READY, actor=staff, note=note)
    return reservation
