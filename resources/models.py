"""Documentation resources: guides, video tutorials, articles, tool sheets and
external references, grouped by theme, edited and translated in Wagtail.

Themes are translatable snippets. A translated resource page keeps the
themes of its source page (wagtail-localize copies many-to-many values
as they are), so templates show ``theme.localized`` and filters match themes
by their ``slug``, which every translation of a theme shares.
"""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock

# An estimate of adults' silent reading speed, used for the reading time when
# the editor leaves it empty. Published averages run from about 200 to 250.
WORDS_PER_MINUTE = 200


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    VIDEO_TUTORIAL = "video_tutorial", _("Video tutorial")
    ARTICLE = "article", _("Article")
    TOOL_SHEET = "tool_sheet", _("Tool sheet")
    EXTERNAL_REFERENCE = "external_reference", _("External reference")


class ResourceLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class ResourceAudience(models.TextChoices):
    ALL_STAFF = "all_staff", _("All staff")
    MANAGERS = "managers", _("Managers")
    DIGITAL_REFERENTS = "digital_referents", _("Digital referents")
    PARTNERS = "partners", _("External partners")


def count_words(texts: list[str]) -> int:
    """Count the words of plain texts or HTML fragments.

    Tags count as spaces, so that "<p>one</p><p>two</p>" gives two words.
    """
    return sum(len(strip_tags(text.replace("<", " <")).split()) for text in texts)


# Kinds whose content lives elsewhere and needs a link to it.
KINDS_NEEDING_URL = {ResourceKind.EXTERNAL_REFERENCE, ResourceKind.VIDEO_TUTORIAL}


@register_snippet
class Theme(TranslatableMixin, models.Model):
    """A theme that groups resources, such as "Office tools" or "Security"."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Shared by every translation; used in filter addresses."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    # The slug identifies the theme across languages, so translations keep it.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource theme")
        verbose_name_plural = _("resource themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Label"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to show the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")


class ResourceIndexPage(Page):
    """The list of documentation resources, with filters."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.SpacePage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("resource index")
        verbose_name_plural = _("resource indexes")

    def get_context(self, request, *args, **kwargs):
        from .views import get_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(get_index_context(request, self))
        return context


class ResourcePageForm(WagtailAdminPageForm):
    """Admin form for resources: drafts may be saved without their link."""

    def _post_clean(self):
        self.instance.skip_publish_checks = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance.skip_publish_checks = False


class ResourcePage(Page):
    """One documentation resource."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ResourceKind.choices, db_index=True
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=ResourceLevel.choices,
        default=ResourceLevel.BEGINNER,
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=ResourceAudience.choices,
        default=ResourceAudience.ALL_STAFF,
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="resources"
    )
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))
    external_url = models.URLField(
        _("external address"),
        blank=True,
        help_text=_(
            "Required for external references and video tutorials. On the "
            "kiosk, it becomes a QR code."
        ),
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("attached documents"),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to estimate it from the text."),
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("Show this resource among the highlights of the kiosk."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("reading_minutes")]),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("featured"),
            ],
            heading=_("Description"),
        ),
        FieldPanel("external_url"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("level"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    base_form_class = ResourcePageForm

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        """Require a link for the kinds that point elsewhere, on publishing."""
        super().clean()
        if getattr(self, "skip_publish_checks", False):
            return
        if self.kind in KINDS_NEEDING_URL and not self.external_url:
            raise ValidationError(
                {
                    "external_url": _(
                        "Enter the address of this %(kind)s: visitors need it "
                        "to open the resource."
                    )
                    % {"kind": self.get_kind_display().lower()}
                }
            )

    @property
    def reading_time(self) -> int | None:
        """Reading time in minutes: the editor's figure, or an estimate.

        The estimate counts the words of every block of the body. It is None
        when the body is empty, because the content then lives in a linked
        page or an attached document whose length is unknown.
        """
        if self.reading_minutes:
            return self.reading_minutes
        body_words = count_words(
            self.body.stream_block.get_searchable_content(self.body)
        )
        if not body_words:
            return None
        words = body_words + count_words([self.title, self.summary])
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def localized_themes(self) -> list[Theme]:
        """Return this resource's themes in the active language, by name."""
        themes = [theme.localized for theme in self.themes.all()]
        return sorted(themes, key=lambda theme: theme.name.lower())

    def attached_documents(self) -> list[dict]:
        """Return the attached documents as ``{"title", "url", "document"}``."""
        attached = []
        for block in self.documents:
            document = block.value["document"]
            if document is None:
                continue
            attached.append(
                {
                    "title": block.value["label"] or document.title,
                    "url": document.url,
                    "document": document,
                }
            )
        return attached
