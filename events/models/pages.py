"""Pages of the Smart Corner programme: one event base, its kinds, courses,
the Smart Tour and quarter pages, and the site, speaker and quarter snippets.

Times are model fields (never StreamField values) stored in UTC and shown in
Europe/Paris. Registrations belong to the event's source page (see
``events.models.registrations``), so both languages share one capacity.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
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
    TRAINING = "training", _("Smart Class session")


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


# A select cannot wrap its text. The programme's quarter filter keeps this
# many characters of a theme so that "T4 2026 – <theme>" fits a 390 px wide
# phone, which leaves the select about 270 px for text. This is an estimate
# from one measure: "T4 2026 – Le numérique au…" takes 250 px in Debian
# chromium's default sans-serif at the site's 17 px.
FILTER_THEME_CHARACTERS = 20


def shorten_at_word(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a space, adding "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


# "Q1" in English, "T1" (trimestre) in French.
QUARTER_NUMBER_CHOICES = [
    (1, pgettext_lazy("quarter number", "Q1")),
    (2, pgettext_lazy("quarter number", "Q2")),
    (3, pgettext_lazy("quarter number", "Q3")),
    (4, pgettext_lazy("quarter number", "Q4")),
]


@register_snippet
class Quarter(models.Model):
    """A quarter of the programme, planned by the committee."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("quarter"), choices=QUARTER_NUMBER_CHOICES
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    theme_en = models.CharField(
        _("theme in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the English pages. Left empty, they show the theme."),
    )
    committee_notes = models.TextField(
        _("committee notes"),
        blank=True,
        help_text=_("Decisions of the programming committee; never published."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number")]),
        FieldPanel("theme"),
        FieldPanel("theme_en"),
        FieldPanel("committee_notes"),
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
        # "Q4 2026" in English, "T4 2026" (trimestre) in French.
        return gettext("Q%(number)s %(year)s") % {
            "number": self.number,
            "year": self.year,
        }

    @property
    def localized_theme(self) -> str:
        """Return the theme in the active language, the French one by default."""
        if (get_language() or "fr")[:2] == "en" and self.theme_en:
            return self.theme_en
        return self.theme

    @property
    def filter_label(self) -> str:
        """Return "T4 2026 – <theme>" (French), the theme shortened to fit a phone."""
        theme = self.localized_theme
        if not theme:
            return str(self)
        return f"{self} – {shorten_at_word(theme, FILTER_THEME_CHARACTERS)}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def next_quarter_first_day(self) -> datetime.date:
        if self.number == 4:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, 3 * self.number + 1, 1)

    @classmethod
    def for_date(cls, day: datetime.date) -> "Quarter":
        """Return the quarter containing ``day``, created when missing."""
        quarter, _created = cls.objects.get_or_create(
            year=day.year, number=(day.month - 1) // 3 + 1
        )
        return quarter


@register_snippet
class Speaker(index.Indexed, models.Model):
    """A person who speaks at events: staff, partner or outside expert."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("biography"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventIndexPage(RoutablePageMixin, Page):
    """The programme: upcoming events, month calendar and archive, with filters.

    The list, calendar and archive are routes of this page, so that they
    follow the page's language and URL; ``events.programme`` builds them.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "events.MasterclassPage",
        "events.RoundTablePage",
        "events.TechnologyWorkshopPage",
        "events.DigitalCafePage",
        "events.CoursePage",
        "events.SmartTourPage",
        "events.QuarterPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme")

    @classmethod
    def find_in_locale(cls, locale_id: int) -> "EventIndexPage | None":
        """Return the site's live, public programme in a locale, or None."""
        pages = cls.objects.live().public().filter(locale_id=locale_id)
        return pages.order_by("path").first()

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

    @path("")
    def upcoming_view(self, request):
        from events.programme import serve_programme

        return serve_programme(self, request, view="upcoming")

    @path("calendrier/")
    def calendar_view(self, request):
        from events.programme import serve_programme

        return serve_programme(self, request, view="calendar")

    @path("archives/")
    def archive_view(self, request):
        from events.programme import serve_programme

        return serve_programme(self, request, view="archive")


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
    speakers = ParentalManyToManyField(
        Speaker, verbose_name=_("speakers"), blank=True, related_name="events"
    )
    cancellation_closes = models.DateTimeField(
        _("self-service cancellation closes"),
        null=True,
        blank=True,
        help_text=_(
            "After this time people can no longer cancel by themselves. Leave "
            "empty for the default delay before the start."
        ),
    )

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
                FieldPanel("cancellation_closes"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("speakers"),
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
        capacity_error = self.get_capacity_error()
        if capacity_error:
            errors["capacity"] = capacity_error
        if errors:
            raise ValidationError(errors)

    def get_capacity_error(self) -> str | None:
        """Explain why the capacity is below the seats already taken, if it is.

        Seats belong to the source page, so a translation is checked against
        the same count.
        """
        if self.capacity is None or self.translation_key is None:
            return None
        from .registrations import Registration

        taken = (
            Registration.objects.holding_seat()
            .for_event_key(self.translation_key)
            .count()
        )
        if self.capacity >= taken:
            return None
        return _(
            "%(taken)s people already hold a seat, so the capacity cannot be "
            "%(capacity)s. Cancel registrations first, or keep at least "
            "%(taken)s seats."
        ) % {"taken": taken, "capacity": self.capacity}

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk is not None:
            from events.attendance import can_check_in
            from events.views import get_registration_context

            context.update(get_registration_context(request, self))
            context["can_check_in"] = can_check_in(request.user)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The registration panel depends on who is signed in.
        patch_vary_headers(response, ["Cookie", "HX-Request"])
        return response

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

    @property
    def event_key(self):
        """Key shared by every translation: registrations hang on it."""
        return self.translation_key

    @property
    def is_past(self) -> bool:
        return self.end is not None and self.end <= timezone.now()


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


class CoursePage(Page):
    """A Smart Class training course; each of its sessions is an event page."""

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=MasterclassPage.Level.choices,
        default=MasterclassPage.Level.BEGINNER,
    )
    objectives = models.TextField(_("learning objectives"), blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("level")]),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.TrainingSessionPage"]

    class Meta:
        verbose_name = _("Smart Class course")
        verbose_name_plural = _("Smart Class courses")

    def get_sessions(self):
        """Return the live sessions of this course, in date order."""
        return (
            TrainingSessionPage.objects.live()
            .public()
            .child_of(self)
            .select_related("venue")
            .order_by("start", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.get_sessions()
        return context


class TrainingSessionPage(EventPage):
    """One session of a Smart Class course, with its own seats and check-in."""

    event_kind = EventKind.TRAINING

    content_panels = Page.content_panels + EventPage.event_panels + [FieldPanel("body")]
    parent_page_types = ["events.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Smart Class session")
        verbose_name_plural = _("Smart Class sessions")

    @property
    def course(self) -> CoursePage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None else None


class SmartTourPage(Page):
    """Upcoming events at the département's other sites, grouped by site."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Smart Tour")

    def get_stops(self) -> list[dict]:
        """Return each remote site with its upcoming events of this locale."""
        events = (
            EventPage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id,
                end__gt=timezone.now(),
                venue__isnull=False,
                venue__is_main_site=False,
            )
            .select_related("venue")
            .order_by("venue__name", "start", "pk")
        )
        stops: dict[int, dict] = {}
        for event in events:
            stop = stops.setdefault(
                event.venue_id, {"venue": event.venue, "events": []}
            )
            stop["events"].append(event)
        return list(stops.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stops"] = self.get_stops()
        return context


class QuarterPage(Page):
    """The published programme of one quarter, with its theme and events.

    Editors prepare a quarter by saving its event pages as drafts with a
    "go live" date; Wagtail's ``publish_scheduled`` command publishes them
    at that time, together with this page.
    """

    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("quarter"),
        null=True,
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("quarter"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quarter programme")
        verbose_name_plural = _("quarter programmes")

    def get_events(self):
        """Return the live events of this quarter and locale, in date order."""
        if self.quarter_id is None:
            return EventPage.objects.none()
        return (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, quarter_id=self.quarter_id)
            .select_related("venue")
            .order_by("start", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.get_events()
        return context
