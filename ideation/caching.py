"""Cached fragments of the board page: idea cards, post form and filters.

Idea cards are cached per idea. The key is a digest of everything the
cached part shows: title, texts, language, dates, author's name, status,
category, tags, attachment, comment count and moderation state. The page's
language and the template's source are part of the key too. A change to any
of them gives a new key, so no signal has to reach every worker. The vote
control (vote count, pressed state, CSRF token) stays outside the cached
part and is rendered for each viewer.

The post form (without its CSRF token) and the filter form are cached per
board and language, under ``LABELS_VERSION_KEY``, a counter in the cache
that changes when a status, a category or an idea's tags change. A form
with submitted data, and filters with a search text or a tag, are never
cached.

When the cache fails, the board renders without it.
"""

import functools
import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.translation import get_language

from cms.cache_versions import bump_version, get_version

logger = logging.getLogger(__name__)

LABELS_VERSION_KEY = "ideation:labels-version"
# Cards are keyed by their content, so the timeout only bounds memory use.
CARD_TIMEOUT_SECONDS = 24 * 3600
# The forms' keys carry a version, and this bounds the staleness of other changes.
FORM_TIMEOUT_SECONDS = 600
CARD_TEMPLATES = (
    "ideation/idea_board_page.html",
    "ideation/includes/live.html",
    "ideation/includes/attachment.html",
)


@functools.cache
def get_templates_digest() -> str:
    """Return a digest of the card templates' source, once per process.

    A deployment that changes the card's markup then builds new keys.
    """
    digest = hashlib.sha256()
    for name in CARD_TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:16]


def describe_label(label) -> tuple:
    if label is None:
        return ()
    return (label.pk, getattr(label, "kind", ""), label.name, label.name_en)


def get_card_key(idea) -> str:
    """Return the cache key of the shared part of ``idea``'s card.

    Expects ``author``, ``status`` and ``category`` selected and the tag
    names annotated, as ``services.get_board_ideas_for`` does. Otherwise the
    digest costs extra queries but stays correct.
    """
    parts = (
        idea.pk,
        idea.title,
        idea.language,
        idea.description,
        idea.description_html,
        idea.created_at.isoformat() if idea.created_at else "",
        idea.updated_at.isoformat() if idea.updated_at else "",
        idea.comment_count,
        idea.is_hidden,
        idea.awaiting_moderation,
        idea.author.display_name,
        describe_label(idea.status),
        describe_label(idea.category),
        tuple(idea.tag_names),
        idea.attachment.name,
        idea.attachment_name,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"ideation:card:{get_templates_digest()}:{get_language()}:{digest}"


class IdeaCardStore:
    """The cached cards of a list of ideas, fetched with one cache request."""

    def __init__(self, ideas):
        self.ideas = ideas
        self.cards: dict[str, str] | None = None
        self.failed = False

    def load(self) -> None:
        keys = [get_card_key(idea) for idea in self.ideas]
        try:
            self.cards = cache.get_many(keys)
        except Exception:  # noqa: BLE001 - render without the cache
            logger.exception("idea cards: reading %s cards failed", len(keys))
            self.failed = True
            self.cards = {}

    def get(self, key: str) -> str | None:
        if self.cards is None:
            self.load()
        return self.cards.get(key)

    def set(self, key: str, html: str) -> None:
        if self.failed:
            return
        try:
            cache.set(key, html, CARD_TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - the page is rendered anyway
            logger.exception("idea cards: writing a card failed")
            self.failed = True


def get_labels_version(request) -> int | None:
    """Return the labels version, read from the cache once per request."""
    version = getattr(request, "ideation_labels_version", None)
    if version is None:
        version = get_version(LABELS_VERSION_KEY)
        if request is not None and version is not None:
            request.ideation_labels_version = version
    return version


def get_form_key(name: str, context) -> str | None:
    """Return the cache key of the board's ``form`` or ``filters`` fragment.

    Returns None, so that the fragment is rendered uncached, when the
    context lacks what the key needs, when the post form contains submitted
    data, when the filters contain free text, or when the cache fails.
    """
    board = context.get("board")
    if board is None:
        return None
    if name == "form":
        form = context.get("idea_form")
        if form is None or form.is_bound:
            return None
        variant = ""
    elif name == "filters":
        filters = context.get("filters")
        if not filters or filters.get("q") or filters.get("tag"):
            return None
        variant = f"{filters.get('sort')}:{filters.get('status')}:"
        variant += str(filters.get("category"))
    else:
        raise ValueError(f"name={name!r} is invalid: use 'form' or 'filters'.")
    version = get_labels_version(context.get("request"))
    if version is None:
        return None
    # The filter form's action is the board's URL, which a new slug changes.
    return (
        f"ideation:board-{name}:{get_templates_digest()}:{get_language()}:"
        f"{board.pk}:{board.url_path}:{version}:{variant}"
    )


def bump_labels_version(sender=None, **kwargs) -> None:
    """Increase the labels version (a receiver of model signals)."""
    bump_version(LABELS_VERSION_KEY)


def connect_signals() -> None:
    """Connect the invalidation of the board's forms; called by IdeationConfig."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import IdeaCategory, IdeaStatus, TaggedIdea

    for model in (IdeaCategory, IdeaStatus, TaggedIdea):
        name = model._meta.label_lower
        post_save.connect(
            bump_labels_version, sender=model, dispatch_uid=f"board-cache-saved-{name}"
        )
        post_delete.connect(
            bump_labels_version,
            sender=model,
            dispatch_uid=f"board-cache-deleted-{name}",
        )
    # django-taggit sends m2m_changed with its through model as the sender.
    m2m_changed.connect(
        bump_labels_version, sender=TaggedIdea, dispatch_uid="board-cache-tags"
    )
