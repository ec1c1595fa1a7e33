"""Events of the Smart Corner programme: one base page and four kinds.

Times are model fields (never StreamField values) stored in UTC and shown in
Europe/Paris. Registrations, added later, belong to the source page through
its ``translation_key``, so both languages share one capacity.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import BodyBlock
from home.models import Space


class EventKind(models.TextChoices):
    MASTERCLASS = "masterclass", _("Masterclass")
    ROUND_TABLE = "round_table", _("Round table")
    TECHNOLOGY_WORKSHOP = "technology_workshop", _("Technology workshop")
    DIGITAL_CAFE = "digital_cafe", _("Digital café")


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff only")
    OPEN = "open", _("Open to external guests")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


@register_snippet
class Venue(index.Indexed, models.Model):
    """A site of the département where events take place."""

    name = models.CharField(_("name"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_main_site = models.BooleanField(
        _("main site"),
        default=False,
        help_text=_(
            "The site that hosts the Smart Corner; the other sites receive "
            "the Smart Tour."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("is_main_site"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="events_venue_name_unique")
        ]

    def __str__(self):
        return self.name


@register_snippet
class Quarter(models.Model):
    """A quarter of the programme, planned by the committee."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(n, f"T{n}") for n in range(1, 5)]
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number")]),
        FieldPanel("theme"),
    ]

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="events_quarter_year_number_unique"
            )
        ]

    def __str__(self):
        return f"T{self.number} {self.year}"


class EventIndexPage(Page):
    """The programme: upcoming events below this page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "events.MasterclassPage",
        "events.RoundTablePage",
        "events.TechnologyWorkshopPage",
        "events.DigitalCafePage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme")

    def get_upcoming_events(self):
        """Return the live events of this page's locale that have not ended."""
        return (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(locale_id=self.locale_id, end__gt=timezone.now())
            .select_related("venue")
            .order_by("start", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.get_upcoming_events()
        return context


class EventPageForm(WagtailAdminPageForm):
    """Admin form for events: a draft may be saved before its dates are set."""

    def _post_clean(self):
        # Saving a draft defers required fields; the schedule check waits for
        # publishing in the same way.
        self.instance.skip_schedule_check = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance.skip_schedule_check = False


class EventPage(Page):
    """Fields shared by every kind of event. Not created directly."""

    event_kind: EventKind | None = None

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    # Nullable because Wagtail saves drafts without validation; clean() requires
    # them before publishing.
    start = models.DateTimeField(_("start"), null=True, blank=True, db_index=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    space = models.CharField(
        _("space"), max_length=8, choices=Space.choices, default=Space.ROOM
    )
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.STAFF
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    event_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("room")]),
                FieldRowPanel([FieldPanel("space"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("quarter")]),
            ],
            heading=_("Date and place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                    ]
                ),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("image"),
    ]
    content_panels = Page.content_panels + event_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    is_creatable = False
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        """Check the schedule, which every published event needs.

        Wagtail saves drafts without this check (the admin form marks them with
        ``skip_schedule_check``); publishing saves the live page through
        ``full_clean()``, which calls this method.
        """
        super().clean()
        if getattr(self, "skip_schedule_check", False):
            return
        errors = self.get_schedule_errors()
        if errors:
            raise ValidationError(errors)

    def get_schedule_errors(self) -> dict[str, str]:
        """Return the schedule problems that block publishing, by field name."""
        errors = {}
        if self.start is None:
            errors["start"] = _("Enter the start date and time.")
        if self.end is None:
            errors["end"] = _("Enter the end date and time.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _(
                "The end must be after the start: check the end date and time."
            )
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        return errors

    @property
    def kind(self) -> EventKind | None:
        return self.specific_class.event_kind if self.specific_class else None

    @property
    def kind_label(self) -> str:
        kind = self.kind
        return kind.label if kind else ""

    @property
    def is_open_to_guests(self) -> bool:
        return self.audience == Audience.OPEN


class MasterclassPage(EventPage):
    """Everyday digital use, for all staff."""

    event_kind = EventKind.MASTERCLASS

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.BEGINNER
    )
    topic = models.CharField(_("everyday digital topic"), max_length=200)
    prerequisites = models.TextField(_("prerequisites"), blank=True)

    content_panels = (
        Page.content_panels
        + [FieldPanel("topic"), FieldPanel("level"), FieldPanel("prerequisites")]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("masterclass")
        verbose_name_plural = _("masterclasses")


class RoundTablePage(EventPage):
    """An expert, a testimony, then an ideation workshop on one problem."""

    event_kind = EventKind.ROUND_TABLE

    expert_name = models.CharField(_("expert"), max_length=200)
    expert_topic = models.CharField(_("field of expertise"), max_length=200, blank=True)
    testimony = models.TextField(_("testimony"), blank=True)
    problem_statement = models.TextField(_("workshop problem statement"))
    board = models.ForeignKey(
        "ideation.IdeaBoardPage",
        verbose_name=_("workshop idea board"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("expert_name"),
                    FieldPanel("expert_topic"),
                    FieldPanel("testimony"),
                    FieldPanel("problem_statement"),
                    FieldPanel("board"),
                ],
                heading=_("Running order"),
            )
        ]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("round table")
        verbose_name_plural = _("round tables")


class DemonstratorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Demonstrator"), max_length=120)
    supplier = blocks.CharBlock(label=_("Supplier"), max_length=120, required=False)
    jobs_helped = blocks.TextBlock(label=_("Département jobs it helps"), required=False)

    class Meta:
        icon = "cogs"
        label = _("Demonstrator")


class TechnologyWorkshopPage(EventPage):
    """Demonstrators useful to the département's jobs."""

    event_kind = EventKind.TECHNOLOGY_WORKSHOP

    demonstrators = StreamField(
        [("demonstrator", DemonstratorBlock())],
        blank=True,
        verbose_name=_("demonstrators"),
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("demonstrators")]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("technology workshop")
        verbose_name_plural = _("technology workshops")


class DigitalCafePage(EventPage):
    """A project co-presented by IT and a business department."""

    event_kind = EventKind.DIGITAL_CAFE

    project = models.CharField(_("project presented"), max_length=200)
    it_presenter = models.CharField(_("IT department presenter"), max_length=200)
    business_presenter = models.CharField(_("business presenter"), max_length=200)
    business_department = models.CharField(_("business directorate"), max_length=200)

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("project"),
                    FieldRowPanel(
                        [FieldPanel("it_presenter"), FieldPanel("business_presenter")]
                    ),
                    FieldPanel("business_department"),
                ],
                heading=_("Presentation"),
            )
        ]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("digital café")
        verbose_name_plural = _("digital cafés")
