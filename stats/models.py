"""Frozen quarters: the facts of a quarter as they stood at the committee."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stats.periods import Quarter


class QuarterSnapshot(models.Model):
    """A quarter whose figures no longer change.

    ``facts`` maps each metric key to its facts (``[[dimensions, count], …]``)
    collected when the committee froze the quarter. Later records (a late
    check-in, an erased account) do not change what the committee decided on.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("quarter"))
    frozen_at = models.DateTimeField(_("frozen on"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    facts = models.JSONField(_("facts"), default=dict)

    class Meta:
        verbose_name = _("frozen quarter")
        verbose_name_plural = _("frozen quarters")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="stats_snapshot_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4),
                name="stats_snapshot_number_1_to_4",
            ),
        ]
        permissions = [
            ("view_indicators", _("Can read the indicators")),
            ("freeze_quarter", _("Can freeze a quarter's indicators")),
        ]

    def __str__(self):
        return str(self.quarter)

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.year, self.number)
