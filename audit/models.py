"""The audit trail: one row per domain event (registered, checked in, idea
posted, status changed, reservation collected, signed in, …).

Technical logs go to ``logging``; this table answers "who did what, when" for
the Smart Corner team and for personal-data requests. Rows are written by
:func:`audit.record` inside the service's transaction, so an event is recorded
exactly when its change is committed.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Something a person (or the system) did, named with a dotted verb."""

    name = models.CharField(
        _("event"),
        max_length=80,
        db_index=True,
        help_text=_("Dotted name, for example “events.registration.confirmed”."),
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    # SET_NULL: erasing an account keeps the event and forgets the person.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.name} #{self.pk}"
