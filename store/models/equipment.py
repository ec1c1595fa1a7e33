"""Equipment that agents borrow: types (snippets) and the physical units."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class EquipmentType(index.Indexed, models.Model):
    """A kind of equipment that agents reserve, such as a laptop or a headset.

    Agents reserve a type, and store staff allocate one of its units when
    they prepare the loan.
    """

    # One row per type contains both languages, so that reservations, units and
    # stock counts stay tied to a single type whatever the page language.
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(
        _("name in English"),
        max_length=120,
        blank=True,
        help_text=_("Shown on English pages. Leave empty to show the French name."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(
        _("description in English"),
        blank=True,
        help_text=_(
            "Shown on English pages. Leave empty to show the French description."
        ),
    )
    max_loan_days = models.PositiveSmallIntegerField(
        _("maximum loan length"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("In days, from the pick-up day to the return day."),
    )
    lead_time_hours = models.PositiveSmallIntegerField(
        _("lead time"),
        default=24,
        validators=[MaxValueValidator(24 * 60)],
        help_text=_(
            "In hours: the earliest pick-up slot starts this long after the "
            "reservation is made, so that staff can prepare the equipment."
        ),
    )
    requires_approval = models.BooleanField(
        _("requires approval"),
        default=False,
        help_text=_(
            "When set, store staff approve each request; it holds no unit "
            "until it is approved."
        ),
    )
    max_active_loans_per_agent = models.PositiveSmallIntegerField(
        _("maximum active loans per agent"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Reservations of this type that one agent may have open at the "
            "same time (requested, approved, ready or collected)."
        ),
    )
    is_active = models.BooleanField(
        _("open to reservations"),
        default=True,
        help_text=_("Clear to hide this type from the reservation form."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("photo"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("max_loan_days"), FieldPanel("lead_time_hours")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("max_active_loans_per_agent"),
                        FieldPanel("requires_approval"),
                    ]
                ),
                FieldPanel("is_active"),
            ],
            heading=_("Loan rules"),
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("name_en", boost=2),
        index.SearchField("description"),
        index.SearchField("description_en"),
        index.AutocompleteField("name"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        verbose_name = _("equipment type")
        verbose_name_plural = _("equipment types")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_loan_days__gte=1),
                name="store_equipmenttype_max_loan_days_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(max_active_loans_per_agent__gte=1),
                name="store_equipmenttype_max_active_loans_positive",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, French when no English name is set."""
        return in_active_language(self.name, self.name_en)

    @property
    def display_description(self) -> str:
        """The description in the active language, French when no English one."""
        return in_active_language(self.description, self.description_en)


def in_active_language(french: str, english: str) -> str:
    """Return ``english`` on English pages when it is set, else ``french``."""
    if english and (get_language() or "").startswith("en"):
        return english
    return french


class UnitState(models.TextChoices):
    IN_SERVICE = "in_service", pgettext_lazy("equipment unit state", "In service")
    MAINTENANCE = "maintenance", pgettext_lazy("equipment unit state", "In maintenance")
    RETIRED = "retired", pgettext_lazy("equipment unit state", "Retired")


@register_snippet
class EquipmentUnit(index.Indexed, models.Model):
    """One physical item, identified at the desk by its asset tag."""

    equipment_type = models.ForeignKey(
        EquipmentType,
        verbose_name=_("equipment type"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    asset_tag = models.CharField(
        _("asset tag"),
        max_length=40,
        unique=True,
        help_text=_("Printed on the QR label; staff scan or type it at the desk."),
    )
    serial_number = models.CharField(_("serial number"), max_length=80, blank=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=UnitState.choices,
        default=UnitState.IN_SERVICE,
    )
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldPanel("equipment_type"),
        FieldRowPanel([FieldPanel("asset_tag"), FieldPanel("serial_number")]),
        FieldPanel("state"),
        FieldPanel("notes"),
    ]
    search_fields = [
        index.SearchField("asset_tag"),
        index.SearchField("serial_number"),
        index.AutocompleteField("asset_tag"),
    ]

    class Meta:
        verbose_name = _("equipment unit")
        verbose_name_plural = _("equipment units")
        ordering = ["equipment_type__name", "asset_tag"]

    def __str__(self):
        return f"{self.asset_tag} ({self.equipment_type})"

    def save(self, *args, **kwargs):
        # Tags are compared as typed by a scanner: no spaces, upper case.
        self.asset_tag = normalize_asset_tag(self.asset_tag)
        super().save(*args, **kwargs)


def normalize_asset_tag(tag: str) -> str:
    """Return ``tag`` without surrounding spaces, in upper case."""
    return (tag or "").strip().upper()
