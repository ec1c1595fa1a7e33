"""The catalogue of digital services: an index page, categories and services.

Each service page offers one action: reserve equipment, ask for help,
register for a training (an event page) or follow an external link. Demand
for a service is counted per day by its pages' ``translation_key``, so the
French and English pages share one count and one place in the "most
requested" order.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.query import parse_id
from home.blocks import RICH_TEXT_FEATURES
from store.permissions import can_use_agent_services


class ServiceAudience(models.TextChoices):
    ALL_STAFF = "all_staff", _("All staff")
    MANAGERS = "managers", _("Managers")
    FIELD_STAFF = "field_staff", _("Field staff")
    DIGITAL_CONTACTS = "digital_contacts", _("Digital contacts of each department")


class ServiceAction(models.TextChoices):
    RESERVE = "reserve", _("Reserve equipment")
    HELP = "help", _("Ask for help")
    TRAINING = "training", _("Book a training course")
    EXTERNAL = "external", _("Open an external service")


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class ResourceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")


class ResourceBlock(blocks.StreamBlock):
    link = ResourceLinkBlock()
    document = DocumentChooserBlock(label=_("Document"))
    page = blocks.PageChooserBlock(label=_("Page"))


class ServiceCatalogPage(Page):
    """The catalogue: lists, searches and filters the services below it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.SpacePage", "home.HomePage"]
    subpage_types = ["store.ServiceCategoryPage"]

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")

    def get_context(self, request, *args, **kwargs):
        from store.catalogue import get_catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(get_catalogue_context(request, self))
        return context

    def translate_query(self, params: QueryDict) -> QueryDict:
        """Return the filters ``params`` with the category id of this language.

        The language switcher calls this method. A category that has no
        translation in this catalogue's language is left out.
        """
        category_id = parse_id(params.get("categorie", ""))
        if category_id is None:
            return params
        category = ServiceCategoryPage.objects.filter(pk=category_id).first()
        translated = category.get_translation_or_none(self.locale) if category else None
        params = params.copy()
        if translated is None:
            params.pop("categorie")
        else:
            params["categorie"] = str(translated.pk)
        return params

    def get_template(self, request, *args, **kwargs):
        template = super().get_template(request, *args, **kwargs)
        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            # The filters form requests the results only.
            return f"{template}#service-results"
        return template

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class ServiceCategoryPage(Page):
    """A group of related services, such as "Equipment" or "Collaboration"."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["store.ServiceCatalogPage"]
    subpage_types = ["store.ServicePage"]

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.live().public().child_of(self).order_by("title")
        )
        return context


class ServicePageForm(WagtailAdminPageForm):
    """Admin form of a service: the action needs its target when publishing."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        action = cleaned_data.get("action")
        required = {
            ServiceAction.RESERVE: "equipment_type",
            ServiceAction.TRAINING: "training_event",
            ServiceAction.EXTERNAL: "external_url",
        }.get(action)
        if required and not cleaned_data.get(required):
            self.add_error(required, _("This action needs this field."))
        return cleaned_data


class ServicePage(Page):
    """One digital service of the catalogue and the single action it offers."""

    summary = models.TextField(_("what it is"), blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=ServiceAudience.choices,
        default=ServiceAudience.ALL_STAFF,
    )
    audience_details = models.TextField(_("who it is for"), blank=True)
    how_to_get = RichTextField(
        _("how to get it"), features=RICH_TEXT_FEATURES, blank=True
    )
    faq = StreamField(
        [("question", FaqBlock())], blank=True, verbose_name=_("questions and answers")
    )
    related_resources = StreamField(
        ResourceBlock(), blank=True, verbose_name=_("related resources")
    )
    related_events = StreamField(
        [("event", blocks.PageChooserBlock(page_type="events.EventPage"))],
        blank=True,
        verbose_name=_("related events"),
    )
    owning_department = models.CharField(_("owning department"), max_length=160)
    action = models.CharField(
        _("action"),
        max_length=16,
        choices=ServiceAction.choices,
        default=ServiceAction.HELP,
    )
    equipment_type = models.ForeignKey(
        "store.EquipmentType",
        verbose_name=_("equipment to reserve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    training_event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("training event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(_("external address"), blank=True)

    base_form_class = ServicePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("audience_details")],
            heading=_("Who it is for"),
        ),
        FieldPanel("how_to_get"),
        FieldPanel("owning_department"),
        MultiFieldPanel(
            [
                FieldPanel("action"),
                FieldPanel("equipment_type"),
                FieldPanel("training_event"),
                FieldPanel("external_url"),
            ],
            heading=_("Action"),
        ),
        FieldPanel("faq"),
        FieldPanel("related_resources"),
        FieldPanel("related_events"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience_details"),
        index.SearchField("how_to_get"),
        index.SearchField("owning_department"),
        index.SearchField("faq"),
        index.FilterField("audience"),
        index.FilterField("action"),
    ]
    parent_page_types = ["store.ServiceCategoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    @property
    def is_for_agents_only(self) -> bool:
        """Whether the action needs a département staff account.

        Reservations and help requests reject partners and anonymous visitors.
        Trainings and external services apply their own rules.
        """
        return self.action in (ServiceAction.RESERVE, ServiceAction.HELP)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["action_url"] = reverse(
            "store:service_action", kwargs={"service_key": self.translation_key}
        )
        context["can_use_agent_services"] = can_use_agent_services(request.user)
        events = []
        for block in self.related_events:
            event = block.value.localized if block.value else None
            if event is not None and event.live:
                events.append(event)
        context["related_events"] = events
        return context

    @property
    def service_key(self):
        """Key shared by every translation of this service."""
        return self.translation_key

    def clean(self):
        super().clean()
        if self.action == ServiceAction.EXTERNAL and self.external_url:
            if not self.external_url.startswith(("https://", "http://")):
                raise ValidationError(
                    {"external_url": _("Use an address that starts with https://.")}
                )


class ServiceDemand(models.Model):
    """How many times agents took a service's action on one day.

    Counted by the service's ``translation_key``. The row contains no personal
    data.
    """

    service_key = models.UUIDField(db_index=True)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_key", "day"], name="store_servicedemand_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.service_key} {self.day}: {self.count}"
