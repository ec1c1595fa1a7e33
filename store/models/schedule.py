"""When the store is open: weekly opening hours, closures and slot settings.

Times are local to Europe/Paris (the project's ``TIME_ZONE``). The slot
functions in ``store.slots`` turn them into aware datetimes day by day, so a
slot at 9:00 stays at 9:00 on the days the clock changes.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.snippets.models import register_snippet


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")


@register_snippet
class OpeningHours(models.Model):
    """One opening period of a weekday; a day may have several (morning, afternoon)."""

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="store_openinghours_closes_after_opening",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        )

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )


@register_snippet
class Closure(models.Model):
    """Days when the store is closed, such as public holidays (both days included)."""

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="store_closure_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y} {self.reason}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The last day must not be before the first day.")}
            )


@register_setting(icon="date")
class StoreSettings(BaseGenericSetting):
    """Pick-up slot length and capacity, and the loan terms agents accept."""

    slot_minutes = models.PositiveSmallIntegerField(
        _("pick-up slot length"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("In minutes; slots start at each opening time."),
    )
    slot_capacity = models.PositiveSmallIntegerField(
        _("pick-ups per slot"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Reservations that may choose the same pick-up slot."),
    )
    loan_terms = models.TextField(
        _("loan terms"),
        blank=True,
        help_text=_("Shown on the reservation form; agents must accept them."),
    )
    loan_terms_en = models.TextField(_("loan terms in English"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("slot_capacity")]),
        FieldPanel("loan_terms"),
        FieldPanel("loan_terms_en"),
    ]

    class Meta:
        verbose_name = _("Smart Store settings")
