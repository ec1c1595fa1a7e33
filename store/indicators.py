"""Counts of store activity over a date range, for the committee's indicators.

Every function returns aggregates only, never a row per person. Days are
local (Europe/Paris) and the range is half-open: ``[start, end)``.
"""

import datetime

from django.db.models import Count
from django.utils import timezone

from home.models import Space

from .models import DeskVisit, HelpRequest, Reservation, ReservationStatus

# Reservations that never turned into a loan are left out of "loans".
LOAN_STATUSES = (
    ReservationStatus.COLLECTED,
    ReservationStatus.RETURNED,
    ReservationStatus.OVERDUE,
)


def local_bounds(start: datetime.date, end: datetime.date):
    """Return the aware instants that start the days ``start`` and ``end``."""
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime.combine(start, datetime.time(), tzinfo=zone),
        datetime.datetime.combine(end, datetime.time(), tzinfo=zone),
    )


def count_desk_visits(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Return the walk-in visits per space recorded in ``[start, end)``."""
    first, last = local_bounds(start, end)
    rows = (
        DeskVisit.objects.filter(recorded_at__gte=first, recorded_at__lt=last)
        .values("space")
        .annotate(total=Count("pk"))
    )
    counts = dict.fromkeys(Space.values, 0)
    counts.update({row["space"]: row["total"] for row in rows})
    return counts


def count_help_requests(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Return the help requests opened in ``[start, end)``, per kind and in all."""
    first, last = local_bounds(start, end)
    rows = (
        HelpRequest.objects.filter(created_at__gte=first, created_at__lt=last)
        .values("kind")
        .annotate(total=Count("pk"))
    )
    counts = {row["kind"]: row["total"] for row in rows}
    counts["total"] = sum(counts.values())
    return counts


def count_reservations(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Return the reservations made in ``[start, end)`` and the loans among them.

    "made" counts every reservation created in the range, whatever its
    status now; "loans" counts those whose equipment was collected.
    """
    first, last = local_bounds(start, end)
    made = Reservation.objects.filter(created_at__gte=first, created_at__lt=last)
    return {
        "made": made.count(),
        "loans": made.filter(status__in=LOAN_STATUSES).count(),
        "no_shows": made.filter(status=ReservationStatus.NO_SHOW).count(),
    }
