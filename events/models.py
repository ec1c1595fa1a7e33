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
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import BodyBlock
from home.models import Space


class EventKind(models.TextChoices):
    MASTERCLASS = "masterclass", _("Masterclass")
    ROUND_TABLE = "round_table", _("Table ronde")
    TECHNOLOGY_WORKSHOP = "technology_workshop", _("Atelier technologique")
    DIGITAL_CAFE = "digital_cafe", _("Café numérique")


class Audience(models.TextChoices):
    STAFF = "staff", _("Réservé aux agents")
    OPEN = "open", _("Ouvert aux invités externes")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmé")
    CANCELLED = "cancelled", _("Annulé")
    POSTPONED = "postponed", _("Reporté")


@register_snippet
class Venue(index.Indexed, models.Model):
    """A site of the département where events take place."""

    name = models.CharField(_("nom"), max_length=120)
    address = models.TextField(_("adresse"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_main_site = models.BooleanField(
        _("site principal"),
        default=False,
        help_text=_(
            "Le site qui accueille le Smart Corner ; les autres sites "
            "reçoivent le Smart Tour."
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

    year = models.PositiveSmallIntegerField(_("année"))
    number = models.PositiveSmallIntegerField(
        _("trimestre"), choices=[(n, f"T{n}") for n in range(1, 5)]
    )
    theme = models.CharField(_("thème"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number")]),
        FieldPanel("theme"),
    ]

    class Meta:
        verbose_name = _("trimestre")
        verbose_name_plural = _("trimestres")
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
        return (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(end__gt=timezone.now())
            .select_related("venue")
            .order_by("start")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = self.get_upcoming_events()
        return context


class EventPage(Page):
    """Fields shared by every kind of event. Not created directly."""

    event_kind: EventKind | None = None

    summary = models.TextField(_("résumé"), blank=True, max_length=400)
    # Nullable because Wagtail saves drafts without validation; clean() requires
    # them before publishing.
    start = models.DateTimeField(_("début"), null=True, blank=True, db_index=True)
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    room = models.CharField(_("salle"), max_length=120, blank=True)
    space = models.CharField(
        _("espace"), max_length=8, choices=Space.choices, default=Space.ROOM
    )
    audience = models.CharField(
        _("public"), max_length=8, choices=Audience.choices, default=Audience.STAFF
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    registration_opens = models.DateTimeField(
        _("ouverture des inscriptions"), null=True, blank=True
    )
    registration_closes = models.DateTimeField(
        _("clôture des inscriptions"), null=True, blank=True
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("trimestre"),
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
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    event_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("room")]),
                FieldRowPanel([FieldPanel("space"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("quarter")]),
            ],
            heading=_("Date et lieu"),
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
            heading=_("Inscriptions"),
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

    class Meta:
        verbose_name = _("évènement")
        verbose_name_plural = _("évènements")

    def clean(self):
        super().clean()
        errors = {}
        if self.start is None:
            errors["start"] = _("Indiquez la date et l’heure de début.")
        if self.end is None:
            errors["end"] = _("Indiquez la date et l’heure de fin.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit être postérieure au début.")
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors["registration_closes"] = _(
                "La clôture des inscriptions doit suivre leur ouverture."
            )
        if errors:
            raise ValidationError(errors)

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
        BEGINNER = "beginner", _("Débutant")
        INTERMEDIATE = "intermediate", _("Intermédiaire")
        ADVANCED = "advanced", _("Avancé")

    level = models.CharField(
        _("niveau"), max_length=12, choices=Level.choices, default=Level.BEGINNER
    )
    topic = models.CharField(_("thème du quotidien numérique"), max_length=200)
    prerequisites = models.TextField(_("prérequis"), blank=True)

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

    expert_name = models.CharField(_("expert ou experte"), max_length=200)
    expert_topic = models.CharField(
        _("sujet de l’expertise"), max_length=200, blank=True
    )
    testimony = models.TextField(_("témoignage"), blank=True)
    problem_statement = models.TextField(_("problématique de l’atelier"))
    board = models.ForeignKey(
        "ideation.IdeaBoardPage",
        verbose_name=_("tableau d’idées de l’atelier"),
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
                heading=_("Déroulé"),
            )
        ]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("table ronde")
        verbose_name_plural = _("tables rondes")


class DemonstratorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Démonstrateur"), max_length=120)
    supplier = blocks.CharBlock(label=_("Fournisseur"), max_length=120, required=False)
    jobs_helped = blocks.TextBlock(
        label=_("Métiers du département concernés"), required=False
    )

    class Meta:
        icon = "cogs"
        label = _("Démonstrateur")


class TechnologyWorkshopPage(EventPage):
    """Demonstrators useful to the département's jobs."""

    event_kind = EventKind.TECHNOLOGY_WORKSHOP

    demonstrators = StreamField(
        [("demonstrator", DemonstratorBlock())],
        blank=True,
        verbose_name=_("démonstrateurs"),
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
        verbose_name = _("atelier technologique")
        verbose_name_plural = _("ateliers technologiques")


class DigitalCafePage(EventPage):
    """A project co-presented by IT and a business department."""

    event_kind = EventKind.DIGITAL_CAFE

    project = models.CharField(_("projet présenté"), max_length=200)
    it_presenter = models.CharField(_("intervenant de la DSI"), max_length=200)
    business_presenter = models.CharField(_("intervenant métier"), max_length=200)
    business_department = models.CharField(_("direction métier"), max_length=200)

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
                heading=_("Présentation"),
            )
        ]
        + EventPage.event_panels
        + [FieldPanel("body")]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("café numérique")
        verbose_name_plural = _("cafés numériques")
