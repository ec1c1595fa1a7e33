"""How many units of an equipment type are free on each day.

Reservations cover half-open day ranges ``[start_date, end_date)``. A loan
that is still out after its return day keeps its unit until it comes back,
so it counts as taking its unit up to and including today.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from .models import (
    HOLDING_STATUSES,
    EquipmentType,
    EquipmentUnit,
    Reservation,
    UnitState,
)
from .models.reservations import OUT_STATUSES

ONE_DAY = datetime.timedelta(days=1)


def iterate_days(start_date: datetime.date, end_date: datetime.date):
    """Yield each day of ``[start_date, end_date)``."""
    day = start_date
    while day < end_date:
        yield day
        day += ONE_DAY


def get_effective_end(reservation: Reservation, today: datetime.date):
    """Return the first day the reservation's unit is free again."""
    if reservation.status in OUT_STATUSES:
        return max(reservation.end_date, today + ONE_DAY)
    return reservation.end_date


def find_holding_reservations(
    start_date: datetime.date,
    end_date: datetime.date,
    today: datetime.date,
    exclude_pk: int | None = None,
    equipment_type_id: int | None = None,
) -> list[Reservation]:
    """Return the reservations that take a unit on some day of the range."""
    reservations = Reservation.objects.filter(
        Q(status__in=HOLDING_STATUSES, start_date__lt=end_date)
        & (Q(end_date__gt=start_date) | Q(status__in=OUT_STATUSES))
    )
    if equipment_type_id is not None:
        reservations = reservations.filter(equipment_type_id=equipment_type_id)
    if exclude_pk is not None:
        reservations = reservations.exclude(pk=exclude_pk)
    return [
        reservation
        for reservation in reservations
        if get_effective_end(reservation, today) > start_date
    ]


def count_units_in_service(equipment_type: EquipmentType) -> int:
    return equipment_type.units.filter(state=UnitState.IN_SERVICE).count()


def get_daily_free_units(
    equipment_type: EquipmentType,
    start_date: datetime.date,
    end_date: datetime.date,
    exclude_pk: int | None = None,
    today: datetime.date | None = None,
) -> dict[datetime.date, int]:
    """Return the number of free units of the type on each day of the range."""
    today = today or timezone.localdate()
    units = count_units_in_service(equipment_type)
    taken = dict.fromkeys(iterate_days(start_date, end_date), 0)
    holding = find_holding_reservations(
        start_date, end_date, today, exclude_pk, equipment_type.pk
    )
    for reservation in holding:
        first = max(reservation.start_date, start_date)
        last = min(get_effective_end(reservation, today), end_date)
        for day in iterate_days(first, last):
            taken[day] += 1
    return {day: max(0, units - count) for day, count in taken.items()}


def has_free_unit(
    equipment_type: EquipmentType,
    start_date: datetime.date,
    end_date: datetime.date,
    exclude_pk: int | None = None,
) -> bool:
    """Return True when one more reservation fits on every day of the range."""
    free = get_daily_free_units(equipment_type, start_date, end_date, exclude_pk)
    return all(count > 0 for count in free.values())


def is_unit_free(
    unit: EquipmentUnit,
    start_date: datetime.date,
    end_date: datetime.date,
    exclude_pk: int | None = None,
) -> bool:
    """Return True when no other reservation holds ``unit`` on those days."""
    today = timezone.localdate()
    return not any(
        reservation.unit_id == unit.pk
        for reservation in find_holding_reservations(
            start_date, end_date, today, exclude_pk, unit.equipment_type_id
        )
    )


def find_free_unit(
    equipment_type: EquipmentType,
    start_date: datetime.date,
    end_date: datetime.date,
    exclude_pk: int | None = None,
) -> EquipmentUnit | None:
    """Return an in-service unit that no reservation holds on those days."""
    today = timezone.localdate()
    busy = {
        reservation.unit_id
        for reservation in find_holding_reservations(
            start_date, end_date, today, exclude_pk, equipment_type.pk
        )
        if reservation.unit_id is not None
    }
    units = equipment_type.units.filter(state=UnitState.IN_SERVICE).order_by(
        "asset_tag"
    )
    return next((unit for unit in units if unit.pk not in busy), None)
