"""Click & Collect reservations of equipment and the record of their changes.

A reservation covers the half-open day range ``[start_date, end_date)``: the
agent picks the equipment up on ``start_date`` and brings it back on
``end_date``, when someone else may already collect the same unit. Statuses
that change with time (overdue, no-show) are computed when read by
:meth:`Reservation.get_effective_status` and written by the
``store_apply_deadlines`` command.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .equipment import EquipmentType, EquipmentUnit


class ReservationStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("reservation status", "Requested")
    APPROVED = "approved", pgettext_lazy("reservation status", "Approved")
    READY = "ready", pgettext_lazy("reservation status", "Ready for pick-up")
    COLLECTED = "collected", pgettext_lazy("reservation status", "Collected")
    RETURNED = "returned", pgettext_lazy("reservation status", "Returned")
    OVERDUE = "overdue", pgettext_lazy("reservation status", "Overdue")
    CANCELLED = "cancelled", pgettext_lazy("reservation status", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("reservation status", "Not collected")
    REJECTED = "rejected", pgettext_lazy("reservation status", "Rejected")


# Statuses that take a unit for their days. A request waiting for approval
# takes nothing, so its capacity check happens when staff approve it.
HOLDING_STATUSES = (
    ReservationStatus.APPROVED,
    ReservationStatus.READY,
    ReservationStatus.COLLECTED,
    ReservationStatus.OVERDUE,
)
# Statuses that count against an agent's maximum of active loans.
OPEN_STATUSES = (ReservationStatus.REQUESTED, *HOLDING_STATUSES)
# Statuses where the equipment is with the agent.
OUT_STATUSES = (ReservationStatus.COLLECTED, ReservationStatus.OVERDUE)
# Maximum length of the note on a reservation change, such as a rejection reason.
EVENT_NOTE_MAX_LENGTH = 300


class UnitCondition(models.TextChoices):
    GOOD = "good", pgettext_lazy("equipment condition", "Good")
    WORN = "worn", pgettext_lazy("equipment condition", "Worn but working")
    DAMAGED = "damaged", pgettext_lazy("equipment condition", "Damaged")
    INCOMPLETE = "incomplete", pgettext_lazy("equipment condition", "Missing parts")


class ReservationQuerySet(models.QuerySet):
    def holding(self):
        return self.filter(status__in=HOLDING_STATUSES)

    def overlapping(self, start_date: datetime.date, end_date: datetime.date):
        """Reservations whose day range meets ``[start_date, end_date)``.

        Half-open ranges: a loan returned on day D does not meet one that
        starts on day D.
        """
        return self.filter(start_date__lt=end_date, end_date__gt=start_date)


class Reservation(models.Model):
    """One agent's reservation of one equipment type for a range of days."""

    equipment_type = models.ForeignKey(
        EquipmentType,
        verbose_name=_("equipment type"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    unit = models.ForeignKey(
        EquipmentUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    # NULL once the agent's personal data is erased; the row stays for the
    # indicators and the equipment's history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="store_reservations",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReservationStatus.choices,
        default=ReservationStatus.REQUESTED,
        db_index=True,
    )
    start_date = models.DateField(_("pick-up day"))
    end_date = models.DateField(_("return day"))
    pickup_at = models.DateTimeField(_("pick-up slot"))
    terms_accepted_at = models.DateTimeField(_("terms accepted at"))
    agent_note = models.TextField(_("note to the store"), blank=True, max_length=1000)
    # The catalogue service the agent came from, by its pages' translation key.
    service_key = models.UUIDField(_("service"), null=True, blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("a reservation or a help request", "created at"),
        default=timezone.now,
    )
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    handover_condition = models.CharField(
        _("condition at hand-over"),
        max_length=16,
        choices=UnitCondition.choices,
        blank=True,
    )
    return_condition = models.CharField(
        _("condition at return"),
        max_length=16,
        choices=UnitCondition.choices,
        blank=True,
    )
    condition_notes = models.TextField(_("condition notes"), blank=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["equipment_type", "status", "start_date"]),
            models.Index(fields=["unit", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="store_reservation_end_after_start",
            ),
        ]

    def __str__(self):
        return f"R-{self.pk} {self.equipment_type} {self.start_date}→{self.end_date}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}" if self.pk else "R-?"

    @property
    def loan_days(self) -> int:
        return (self.end_date - self.start_date).days

    def get_effective_status(self, today: datetime.date | None = None) -> str:
        """Return the status with the deadlines applied, without saving.

        A collected loan not back by the end of its return day is overdue. An
        approved or ready reservation not collected by the end of its pick-up
        day is a no-show.
        """
        today = today or timezone.localdate()
        if self.status == ReservationStatus.COLLECTED and today > self.end_date:
            return ReservationStatus.OVERDUE
        if (
            self.status in (ReservationStatus.APPROVED, ReservationStatus.READY)
            and today > self.start_date
        ):
            return ReservationStatus.NO_SHOW
        if self.status == ReservationStatus.REQUESTED and today > self.start_date:
            # A request still unapproved after its pick-up day cannot be
            # collected any more.
            return ReservationStatus.NO_SHOW
        return self.status

    @property
    def effective_status(self) -> str:
        return self.get_effective_status()

    @property
    def effective_status_label(self) -> str:
        return ReservationStatus(self.effective_status).label


class ReservationEvent(models.Model):
    """One status change of a reservation: previous and new status, actor, time."""

    reservation = models.ForeignKey(
        Reservation, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("previous status"),
        max_length=16,
        choices=ReservationStatus.choices,
        blank=True,
    )
    to_status = models.CharField(
        _("new status"), max_length=16, choices=ReservationStatus.choices
    )
    # NULL for changes made by the deadline command, or after erasure.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=EVENT_NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("reservation change")
        verbose_name_plural = _("reservation changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.reservation_id}: {self.from_status}→{self.to_status}"
