"""Registrations, calendar feed tokens and the announced state of each event.

A registration belongs to the event's source page (the page in the default
language, see ``events.registrations.get_source_event``), so the French and
English pages share one capacity, one waiting list and one attendance count.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Short codes avoid letters and digits that people confuse (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def generate_code() -> str:
    """Return a random check-in code such as ``K7QF3MZA``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


class AttendeeAudience(models.TextChoices):
    """Who the person is, for the indicators: staff or external."""

    STAFF = "staff", _("Staff")
    EXTERNAL = "external", _("External")


class RegistrationOrigin(models.TextChoices):
    SELF = "self", _("Self-service")
    GUEST = "guest", _("Guest form")
    ADMIN = "admin", _("Added by an editor")
    WALK_IN = "walk_in", _("Walk-in at check-in")


SEAT_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.ATTENDED,
)


class RegistrationQuerySet(models.QuerySet):
    def for_event_key(self, event_key):
        return self.filter(event__translation_key=event_key)

    def holding_seat(self):
        """Registrations that use a seat: confirmed or checked in."""
        return self.filter(status__in=SEAT_STATUSES)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by(
            "queued_at", "pk"
        )

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def attended(self):
        return self.filter(status=RegistrationStatus.ATTENDED)

    def expired_guest_requests(self, expired_before):
        """Pending guest requests made at or before ``expired_before``.

        The caller passes now minus the lifetime of the confirmation link.
        """
        return self.filter(
            status=RegistrationStatus.PENDING, requested_at__lte=expired_before
        )


class Registration(models.Model):
    """One person's place at one event: a seat, a waiting-list entry or a
    cancelled or pending request.

    ``user`` is empty for a guest without an account, who is identified by
    ``email``. The row is reused when the same person registers again after
    cancelling, so that the unique constraints hold one row per person.
    """

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=8, default=settings.LANGUAGE_CODE
    )
    audience = models.CharField(
        _("attendee type"),
        max_length=10,
        choices=AttendeeAudience.choices,
        default=AttendeeAudience.STAFF,
    )
    origin = models.CharField(
        _("origin"),
        max_length=10,
        choices=RegistrationOrigin.choices,
        default=RegistrationOrigin.SELF,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
    )
    code = models.CharField(
        _("check-in code"), max_length=16, unique=True, default=generate_code
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Order of the waiting list: the time the person joined it.
    queued_at = models.DateTimeField(_("joined the list"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("seat since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Time of a guest's latest request, from which their confirmation link
    # expires. Empty for the other origins.
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="events_registration_one_per_user",
            ),
            # A walk-in may come without an e-mail address, so several rows
            # of one event can have an empty one.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(user__isnull=True) & ~Q(email=""),
                name="events_registration_one_per_guest_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]
        permissions = [
            ("check_in_registration", _("Can check people in at events")),
            ("export_registration", _("Can export registrations")),
        ]

    def __str__(self):
        return f"{self.name} – {self.event_id} ({self.status})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class CalendarFeedToken(models.Model):
    """The secret in the URL of a person's private calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return f"calendar feed of user {self.user_id}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class AnnouncedSchedule(models.Model):
    """What registrants were last told about an event, and its iCalendar
    ``SEQUENCE``.

    Each time an event is published with a different start, end, place or
    status, the sequence goes up and registrants get a notice, so that
    calendar clients replace the old copy instead of adding a second one.
    """

    event_key = models.UUIDField(_("event"), unique=True, default=uuid.uuid4)
    sequence = models.PositiveIntegerField(_("iCalendar sequence"), default=0)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=400, blank=True)
    status = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("announced schedule")
        verbose_name_plural = _("announced schedules")

    def __str__(self):
        return f"{self.event_key} (sequence {self.sequence})"
