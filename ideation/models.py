"""Smart Lab boards, ideas and votes.

Ideas and votes are never translated: they belong to the board's source page
through its ``translation_key``, so the French and English pages of a board
show one set of ideas. Each idea keeps the language it was written in.
"""

import json
import secrets

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .ranking import HotRankField

COMMENT_MAX_LENGTH = getattr(settings, "IDEA_COMMENT_MAX_LENGTH", 2000)
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


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
    is_challenge = False

    class Meta:
        verbose_name = _("idea board")
        verbose_name_plural = _("idea boards")

    @property
    def board_key(self):
        """Key shared by every translation of this board."""
        return self.translation_key

    def get_context(self, request, *args, board_url=None, **kwargs):
        from .views import get_board_context

        context = super().get_context(request, *args, **kwargs)
        context.update(get_board_context(request, self, board_url=board_url))
        return context

    def get_template(self, request, *args, **kwargs):
        from .views import TEMPLATE

        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            # The filter form requests the page's own URL and pushes it, so
            # that the pushed URL loads the whole page. htmx gets the list.
            return f"{TEMPLATE}#idea-list"
        return super().get_template(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Leave internal boards out of the public sitemap.xml: the general
        boards and the staff-only challenges."""
        from django.contrib.auth.models import AnonymousUser

        from .permissions import can_read_board

        if not can_read_board(AnonymousUser(), self):
            return []
        return super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        from .permissions import can_read_board

        if not can_read_board(request.user, self):
            if not request.user.is_authenticated and not request.htmx:
                # A link shared with staff opens after signing in, as Wagtail's
                # own login restrictions do. Only the address is confirmed.
                return redirect_to_login(request.get_full_path())
            # Same answer as a missing page: the board's existence stays private.
            raise Http404
        # Wagtail routed the request to this page, so its own URL is the one
        # in the active language, and looking up the translation is not needed.
        kwargs["board_url"] = self.get_url(request)
        response = super().serve(request, *args, **kwargs)
        # The page embeds the requesting user's vote state and CSRF token.
        patch_vary_headers(response, ["Cookie", "HX-Request"])
        return response


class Audience(models.TextChoices):
    STAFF = "staff", _("Département staff only")
    PARTNERS = "partners", _("Open to partners")


class Phase(models.TextChoices):
    SUBMISSION = "submission", _("Submission")
    VOTING = "voting", _("Voting")
    RESULTS = "results", _("Results")


class ChallengePage(IdeaBoardPage):
    """A board about one problem, with dates, an audience and phases.

    It is a board (multi-table inheritance), so a round table's workshop board
    can be a challenge. The live phase and its switches are kept in
    ``ChallengeState``, shared by the translations, because facilitators
    change them during a workshop without publishing the page.
    """

    problem = models.TextField(_("problem"))
    context = models.TextField(_("context"), blank=True)
    starts_at = models.DateTimeField(_("opens on"), null=True, blank=True)
    ends_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.STAFF
    )
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_challenges",
    )
    premoderation = models.BooleanField(
        _("pre-moderation"),
        default=False,
        help_text=_("New ideas stay hidden until a facilitator publishes them."),
    )

    content_panels = IdeaBoardPage.content_panels + [
        FieldPanel("problem"),
        FieldPanel("context"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("audience"),
                FieldPanel("facilitators"),
                FieldPanel("premoderation"),
            ],
            heading=_("Running the challenge"),
        ),
    ]
    search_fields = IdeaBoardPage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("context"),
    ]
    is_challenge = True

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class ChallengeState(models.Model):
    """The live phase of a challenge and what its participants may do in it."""

    board_key = models.UUIDField(unique=True)
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.SUBMISSION
    )
    phase_ends_at = models.DateTimeField(_("phase ends at"), null=True, blank=True)
    posting_open = models.BooleanField(_("posting open"), default=True)
    voting_open = models.BooleanField(_("voting open"), default=True)
    commenting_open = models.BooleanField(_("commenting open"), default=True)
    hide_vote_counts = models.BooleanField(
        _("hide vote counts until voting closes"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("challenge state")
        verbose_name_plural = _("challenge states")

    def __str__(self):
        return f"challenge {self.board_key} in {self.phase}"

    @property
    def counts_hidden(self) -> bool:
        return self.hide_vote_counts and self.phase != Phase.RESULTS


class StatusKind(models.TextChoices):
    OPEN = "open", _("Open")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    IN_DEVELOPMENT = "in_development", _("In development")
    IMPLEMENTED = "implemented", _("Implemented")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


# Ideas with a status of these kinds take no more votes.
CLOSED_KINDS = {
    StatusKind.IMPLEMENTED,
    StatusKind.DECLINED,
    StatusKind.MERGED,
    StatusKind.WITHDRAWN,
}


@register_snippet
class IdeaStatus(models.Model):
    """A status that facilitators give ideas; the list is edited in the admin."""

    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name in English"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=StatusKind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("idea status")
        verbose_name_plural = _("idea statuses")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self) -> str:
        if (get_language() or "fr")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.kind in CLOSED_KINDS


@register_snippet
class IdeaCategory(models.Model):
    """A category that people choose for their idea."""

    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name in English"), max_length=60, blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("idea category")
        verbose_name_plural = _("idea categories")
        ordering = ["name"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self) -> str:
        if (get_language() or "fr")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name


class TaggedIdea(TaggedItemBase):
    content_object = models.ForeignKey(
        "Idea", on_delete=models.CASCADE, related_name="tagged_items"
    )


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        """Ideas published and not hidden by moderation, on any board.

        Readers also need the board's audience rule: use ``visible_to``.
        """
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        """Ideas that ``user`` may see, by ``permissions.filter_visible_ideas``."""
        from .permissions import filter_visible_ideas

        return filter_visible_ideas(self, user)

    def published_to(self, user):
        """Published ideas that ``user`` may see, by
        ``permissions.filter_published_ideas``."""
        from .permissions import filter_published_ideas

        return filter_published_ideas(self, user)

    def listed(self):
        """Ideas shown in lists: visible ones not merged into another."""
        return self.filter(merged_into__isnull=True)

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
    # Visible comments, kept equal to a recount like ``vote_count``.
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # Declared after the counts and the date, which its pre_save reads.
    hot_rank = HotRankField(_("trending rank"), default=0.0, editable=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    awaiting_moderation = models.BooleanField(_("awaiting moderation"), default=False)
    description_html = models.TextField(blank=True, editable=False)
    category = models.ForeignKey(
        IdeaCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    status = models.ForeignKey(
        IdeaStatus,
        verbose_name=_("status"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    tags = TaggableManager(through=TaggedIdea, blank=True)
    # Stored under a random name (ideation.attachments.storage_name) and
    # served by a view that applies the idea's visibility.
    attachment = models.FileField(
        _("image or attachment"), upload_to="ideation/%Y/%m/", blank=True
    )
    # The uploaded file's own name, set only for uploads whose content was
    # checked: files stored before that check are offered as downloads.
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    coauthors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team"),
        blank=True,
        related_name="coauthored_ideas",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
    )
    updated_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("language"),
        index.FilterField("is_hidden"),
        index.FilterField("board_key"),
        index.FilterField("merged_into_id"),
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_idea", _("Can moderate ideas"))]
        indexes = [
            # The board's default order; the tie-breakers make it total, so
            # a page of the board reads the index in order and stops early.
            models.Index(
                fields=["board_key", "-hot_rank", "-created_at", "-id"],
                name="ideation_idea_board_hot",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="ideation_idea_title_not_empty"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def plain_description(self) -> str:
        """Return the description as text, its light markup rendered away
        ("**toutes**" reads "toutes"), for excerpts."""
        from .formatting import plain_text

        return plain_text(self.description_html) or self.description

    @property
    def is_closed(self) -> bool:
        return self.merged_into_id is not None or bool(
            self.status and self.status.is_closed
        )

    @property
    def is_image(self) -> bool:
        """Whether the attachment is a checked image, shown on the idea's page."""
        return bool(self.attachment and self.attachment_name) and (
            self.attachment.name.lower().endswith((".png", ".jpg", ".webp", ".gif"))
        )

    @property
    def attachment_label(self) -> str:
        """The attachment's name as people see it."""
        if self.attachment_name:
            return self.attachment_name
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""

    @property
    def attachment_size(self) -> int | None:
        """The attachment's size in bytes, or None when its file is missing."""
        if not self.attachment:
            return None
        try:
            return self.attachment.size
        except OSError:
            return None

    @property
    def tag_names(self) -> list[str]:
        """Names of the idea's tags in alphabetical order.

        Read from the ``tag_names_json`` annotation that
        ``services.get_board_ideas_for`` adds, otherwise from ``tags``.
        """
        if hasattr(self, "tag_names_json"):
            return sorted(json.loads(self.tag_names_json or "[]"))
        return sorted(tag.name for tag in self.tags.all())


class IdeaRevision(models.Model):
    """The title and description of an idea before an edit, and who made it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=settings.IDEA_TITLE_MAX_LENGTH)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"revision {self.pk} of idea {self.idea_id}"


class TeamRequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("team request", "Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("team request", "Accepted")
    DECLINED = "declined", pgettext_lazy("team request", "Declined")


class TeamRequest(models.Model):
    """A person's request to join an idea's team, answered by its authors.

    Accepting it adds the person to ``Idea.coauthors``, which stays the one
    list of people who may edit the idea.
    """

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="team_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_team_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TeamRequestStatus.choices,
        default=TeamRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("team request")
        verbose_name_plural = _("team requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="ideation_team_request_one_per_person"
            )
        ]

    def __str__(self):
        return f"user {self.user_id} asks to join idea {self.idea_id}: {self.status}"


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


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments shown to readers: a hidden or deleted comment takes its
        replies with it."""
        return (
            self.filter(is_hidden=False, is_deleted=False)
            .exclude(parent__is_hidden=True)
            .exclude(parent__is_deleted=True)
        )


class Comment(models.Model):
    """A comment on an idea, or a reply to one (one level only)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    is_deleted = models.BooleanField(default=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"comment {self.pk} on idea {self.idea_id}"


class StatusChange(models.Model):
    """One entry of an idea's public timeline: a new status and its feedback."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.ForeignKey(IdeaStatus, on_delete=models.PROTECT, related_name="+")
    feedback = models.TextField(_("public feedback"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"idea {self.idea_id} → status {self.status_id}"


class Follow(models.Model):
    """A person who gets notified of an idea's news."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows"
    )
    # A person who stopped following is not followed again automatically.
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="ideation_follow_one_per_person"
            )
        ]

    def __str__(self):
        return f"user {self.user_id} follows idea {self.idea_id}"


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("New comment")
    STATUS = "status", _("Status change")
    MERGED = "merged", _("Idea merged")
    TEAM_REQUEST = "team_request", _("Request to join the team")
    TEAM_ACCEPTED = "team_accepted", _("Team request accepted")
    TEAM_DECLINED = "team_declined", _("Team request declined")
    TEAM_REMOVED = "team_removed", _("Removed from the team")
    EDITED = "edited", _("Idea edited by a co-author")
    HIDDEN = "hidden", _("Idea hidden by the facilitators")
    # For the authors of a pre-moderated idea: the facilitators' decision.
    PUBLISHED = "published", _("Idea published after moderation")
    REJECTED = "rejected", _("Idea not published after moderation")
    # For the board's facilitators: news that needs moderation.
    FLAGGED = "flagged", _("Content reported")
    PENDING = "pending", _("Idea awaiting moderation")


class Notification(models.Model):
    """A piece of news about a followed idea, for one person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_notifications",
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="notifications"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status_change = models.ForeignKey(
        StatusChange, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team_request = models.ForeignKey(
        TeamRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        IdeaRevision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    # The facilitator's reason for hiding or rejecting the idea, for kinds
    # HIDDEN and REJECTED only.
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"notification {self.pk} for user {self.user_id}"


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Once a day, as a digest")
    NEVER = "never", _("Never")


class NotificationPreference(models.Model):
    """How a person wants to receive Smart Lab news by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_notification_preference",
    )
    email_frequency = models.CharField(
        _("e-mails"),
        max_length=16,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )

    def __str__(self):
        return f"user {self.user_id}: {self.email_frequency}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    PERSONAL_DATA = "personal_data", _("Personal data")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Other")


class Flag(models.Model):
    """A report that an idea or a comment breaks the rules."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="flags")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    details = models.CharField(
        pgettext_lazy("of a report", "details"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"flag {self.pk} on idea {self.idea_id}"


class FeedToken(models.Model):
    """The secret in the addresses of a person's Atom feeds of boards.

    Feed readers cannot sign in, so the token stands for the person: a feed
    lists only what they may read. One token serves all their boards, and
    replacing it disables every old address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="lab_feed_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(
        pgettext_lazy("feed token", "created"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("Smart Lab feed token")
        verbose_name_plural = _("Smart Lab feed tokens")

    def __str__(self):
        return f"Smart Lab feed of user {self.user_id}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
