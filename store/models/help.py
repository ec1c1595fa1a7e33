"""Help requests from agents to the store staff, and their conversation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

HELP_DESCRIPTION_MAX_LENGTH = 4000
HELP_MESSAGE_MAX_LENGTH = 4000
# Maximum length of a help request's reference in another ticketing tool.
EXTERNAL_REFERENCE_MAX_LENGTH = 80


class HelpKind(models.TextChoices):
    GETTING_STARTED = (
        "getting_started",
        pgettext_lazy("help request kind", "Getting started"),
    )
    TROUBLESHOOTING = (
        "troubleshooting",
        pgettext_lazy("help request kind", "Troubleshooting"),
    )


class HelpStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("help request status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("help request status", "In progress")
    WAITING = "waiting", pgettext_lazy("help request status", "Waiting for the agent")
    RESOLVED = "resolved", pgettext_lazy("help request status", "Resolved")
    CLOSED = "closed", pgettext_lazy("help request status", "Closed")


FINISHED_HELP_STATUSES = (HelpStatus.RESOLVED, HelpStatus.CLOSED)


class HelpRequest(models.Model):
    """An agent's request for help, handled by store staff."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="store_help_requests",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=HelpKind.choices)
    description = models.TextField(
        _("description"), max_length=HELP_DESCRIPTION_MAX_LENGTH
    )
    preferred_at = models.DateTimeField(_("preferred slot"), null=True, blank=True)
    walk_in = models.BooleanField(
        _("will come to the store"),
        default=False,
        help_text=_("The agent prefers to come to the store without an appointment."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=HelpStatus.choices,
        default=HelpStatus.NEW,
        db_index=True,
    )
    service_key = models.UUIDField(_("service"), null=True, blank=True)
    external_reference = models.CharField(
        _("external ticket"),
        max_length=EXTERNAL_REFERENCE_MAX_LENGTH,
        blank=True,
        help_text=_("Reference of the same request in another ticketing tool."),
    )
    created_at = models.DateTimeField(
        pgettext_lazy("a reservation or a help request", "created at"),
        default=timezone.now,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    satisfaction_rating = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True
    )
    satisfaction_comment = models.TextField(
        _("satisfaction comment"), blank=True, max_length=2000
    )
    satisfaction_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction_rating__isnull=True)
                | models.Q(satisfaction_rating__gte=1, satisfaction_rating__lte=5),
                name="store_helprequest_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.get_kind_display()}"

    @property
    def reference(self) -> str:
        return f"A-{self.pk:05d}" if self.pk else "A-?"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_HELP_STATUSES


class HelpMessage(models.Model):
    """A message in a help request's conversation."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_staff = models.BooleanField(default=False)
    body = models.TextField(max_length=HELP_MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"message {self.pk} on {self.help_request_id}"


class HelpRequestEvent(models.Model):
    """One status change of a help request: previous and new status, actor, time."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        max_length=16, choices=HelpStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=16, choices=HelpStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.help_request_id}: {self.from_status}→{self.to_status}"
