"""Walk-in visits counted at the store desk, for the indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Space


class DeskVisit(models.Model):
    """One walk-in visit to a space, counted by staff.

    The row holds the space and the time only, never who visited or who
    counted, so the indicators can publish counts per quarter as they are.
    """

    space = models.CharField(_("space"), max_length=8, choices=Space.choices)
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)

    class Meta:
        verbose_name = _("desk visit")
        verbose_name_plural = _("desk visits")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["space", "recorded_at"])]

    def __str__(self):
        return f"{self.get_space_display()} {self.recorded_at:%Y-%m-%d %H:%M}"
