"""Smart Lab boards, ideas and votes.

Ideas and votes are never translated: they belong to the board's source page
through its ``translation_key``, so the French and English pages of a board
show one set of ideas. Each idea keeps the language it was written in.
"""

from django.conf import settings
from django.db import models
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class IdeaBoardPage(Page):
    """A live board where signed-in people post and vote on ideas."""

    intro = models.TextField(_("introduction"), blank=True)
    accepts_ideas = models.BooleanField(
        _("accepts ideas"),
        default=True,
        help_text=_(
            "Clear to stop new ideas; existing ideas stay visible and open to votes."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("accepts_ideas"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("idea board")
        verbose_name_plural = _("idea boards")

    @property
    def board_key(self):
        """Key shared by every translation of this board."""
        return self.translation_key

    def get_context(self, request, *args, **kwargs):
        from .views import get_board_context

        context = super().get_context(request, *args, **kwargs)
        context.update(get_board_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page embeds the requesting user's vote state and CSRF token.
        patch_vary_headers(response, ["Cookie", "HX-Request"])
        return response


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        """Ideas anyone may see; moderation will hide more in a later version."""
        return self.filter(is_hidden=False)

    def for_board(self, board_key):
        return self.filter(board_key=board_key)


class Idea(index.Indexed, models.Model):
    """An idea posted on a board."""

    board_key = models.UUIDField(_("board"), db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    title = models.CharField(_("title"), max_length=settings.IDEA_TITLE_MAX_LENGTH)
    description = models.TextField(
        _("description"), max_length=settings.IDEA_DESCRIPTION_MAX_LENGTH, blank=True
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, db_index=True
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    # Stored counter, changed in the same transaction as the vote rows.
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)

    objects = IdeaQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("language"),
        index.FilterField("is_hidden"),
        index.FilterField("board_key"),
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_idea", _("Can moderate ideas"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="ideation_idea_title_not_empty"
            ),
        ]

    def __str__(self):
        return self.title


class Vote(models.Model):
    """One person's support for one idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="ideation_vote_one_per_person"
            )
        ]

    def __str__(self):
        return f"vote {self.user_id} → idea {self.idea_id}"


class BoardSequence(models.Model):
    """Number of the last live message sent for a board.

    Clients compare consecutive numbers to detect a lost message and then
    fetch the board again over HTTP.
    """

    board_key = models.UUIDField(unique=True)
    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"board {self.board_key} at {self.value}"
