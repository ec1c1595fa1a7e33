"""Pages that frame the site: home, the four spaces, standard and legal pages."""

import logging

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import caching
from .blocks import RICH_TEXT_FEATURES, BodyBlock

logger = logging.getLogger(__name__)


class Space(models.TextChoices):
    STORE = "store", _("Smart Store")
    ROOM = "room", _("Smart Room")
    CLASS = "class", _("Smart Class")
    LAB = "lab", _("Smart Lab")


class HomePage(Page):
    """Root page of a language: the four spaces, upcoming events, latest ideas."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from events.models import EventPage

        context = super().get_context(request, *args, **kwargs)
        # Querysets and lazy objects: a section whose fragment is cached
        # (see home/caching.py) runs none of its queries.
        context["spaces"] = (
            SpacePage.objects.live().public().child_of(self).order_by("path")
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, end__gt=timezone.now())
            .select_related("venue")
            .order_by("start", "pk")[:4]
        )
        context["latest_ideas"] = SimpleLazyObject(
            lambda: self.get_latest_ideas(request)
        )
        context["fragment_keys"] = self.get_fragment_keys(request)
        return context

    def get_latest_ideas(self, request) -> list:
        """Return the newest ideas the user may see, each with its board's URL."""
        from ideation.services import get_latest_ideas_for

        ideas = list(get_latest_ideas_for(request.user, limit=4))
        board_urls = get_board_urls(
            {idea.board_key for idea in ideas}, self.locale_id, request
        )
        for idea in ideas:
            idea.board_url = board_urls.get(idea.board_key)
        return ideas

    def get_fragment_keys(self, request) -> dict:
        """Return the values that key the cached sections of this page."""
        pages_version = caching.get_pages_version()
        return {
            "locale": self.locale_id,
            "page": self.pk,
            "pages_version": pages_version,
            # Without a working cache the ideas version is not worth a query.
            "ideas_version": (
                caching.get_ideas_version() if pages_version is not None else None
            ),
            "viewer": caching.get_viewer_key(request.user),
            "viewer_kind": caching.get_viewer_kind(request.user),
            "spaces_timeout": caching.SPACES_TIMEOUT_SECONDS,
            "events_timeout": caching.EVENTS_TIMEOUT_SECONDS,
            "ideas_timeout": caching.IDEAS_TIMEOUT_SECONDS,
        }


def get_board_urls(board_keys, locale_id: int, request) -> dict:
    """Map each board key to the URL of that board's live page in a locale.

    Ideas belong to a board through its ``translation_key``, so the page
    shown is the board's translation in the locale being browsed.
    """
    from ideation.models import IdeaBoardPage

    boards = IdeaBoardPage.objects.live().filter(
        translation_key__in=board_keys, locale_id=locale_id
    )
    return {board.translation_key: board.get_url(request) for board in boards}


class SpacePage(Page):
    """One of the four physical spaces of the Smart Corner."""

    space = models.CharField(_("space"), max_length=8, choices=Space.choices)
    lead = models.TextField(_("lead paragraph"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the space's card on the home page."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("space"),
        FieldPanel("lead"),
        FieldPanel("opening_hours"),
        FieldPanel("location"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("space page")
        verbose_name_plural = _("space pages")

    # Upcoming events shown on the page; the programme link lists the rest.
    EVENTS_SHOWN = 4

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ideation.permissions import exclude_unreadable_pages

        children = self.get_children().live().public()
        readable = exclude_unreadable_pages(children, request.user)
        context["subpages"] = readable.specific()
        context["space_events"] = self.get_upcoming_events()
        context["programme_url"] = self.get_programme_url(request)
        if self.space == Space.STORE:
            from store.permissions import is_store_staff

            context["is_store_staff"] = is_store_staff(request.user)
        return context

    def get_upcoming_events(self):
        """Return the next events held in this space, in the page's language."""
        from events.models import EventPage

        return (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, space=self.space, end__gt=timezone.now())
            .select_related("venue")
            .order_by("start", "pk")[: self.EVENTS_SHOWN]
        )

    def get_programme_url(self, request) -> str | None:
        """Return the programme's address filtered on this space, or None
        when the site has no programme in the page's language."""
        from events.models import EventIndexPage

        programme = EventIndexPage.find_in_locale(self.locale_id)
        if programme is None:
            return None
        return f"{programme.get_url(request)}?space={self.space}"


class StandardPage(Page):
    """A free page of text and media."""

    lead = models.TextField(_("lead paragraph"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class LegalKind(models.TextChoices):
    LEGAL_NOTICE = "legal_notice", _("Legal notice")
    PERSONAL_DATA = "personal_data", _("Personal data")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class LegalPage(Page):
    """Legal notice, personal-data policy or accessibility statement."""

    kind = models.CharField(_("kind"), max_length=16, choices=LegalKind.choices)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")


class AccessibilityStatus(models.TextChoices):
    """Compliance levels that the RGAA lets a public website declare."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Settings shown in every page's footer and on the legal pages."""

    accessibility_status = models.CharField(
        _("accessibility compliance"),
        max_length=8,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NONE,
        help_text=_("Shown in the footer as “Accessibility: …”."),
    )
    accessibility_rate = models.PositiveSmallIntegerField(
        _("compliance rate (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the RGAA criteria met, from the latest audit."),
    )
    accessibility_audit_date = models.DateField(_("audit date"), null=True, blank=True)
    accessibility_auditor = models.CharField(
        _("audited by"), max_length=200, blank=True
    )
    accessibility_contact = models.CharField(
        _("accessibility contact"),
        max_length=300,
        blank=True,
        help_text=_(
            "E-mail address, form or postal address where people report an "
            "accessibility problem; the contact e-mail when empty."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    publisher_name = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("The body that publishes the site, for example the département."),
    )
    publisher_address = models.TextField(_("publisher’s address"), blank=True)
    publication_director = models.CharField(
        _("director of publication"), max_length=200, blank=True
    )
    host_name = models.CharField(_("host"), max_length=200, blank=True)
    host_address = models.TextField(_("host’s address"), blank=True)
    data_protection_officer_contact = models.CharField(
        _("data protection officer’s contact"),
        max_length=300,
        blank=True,
        help_text=_("E-mail or postal address of the data protection officer."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_rate"),
                FieldPanel("accessibility_audit_date"),
                FieldPanel("accessibility_auditor"),
                FieldPanel("accessibility_contact"),
            ],
            heading=_("Accessibility statement"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher_name"),
                FieldPanel("publisher_address"),
                FieldPanel("publication_director"),
                FieldPanel("host_name"),
                FieldPanel("host_address"),
            ],
            heading=_("Legal notice"),
        ),
        MultiFieldPanel(
            [FieldPanel("data_protection_officer_contact")],
            heading=_("Personal data"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def get_accessibility_contact(self) -> str:
        return self.accessibility_contact or self.contact_email
