"""Find a board's page by its key, kept per process between page changes.

Every vote, comment and socket handshake names its board by key and must
check the page: live, in the visitor's language when it exists, and its
Wagtail privacy settings. That took three queries and about a third of a
vote's CPU. Pages change rarely (an editor publishes, moves or restricts
one), so each process keeps the page and its view restrictions, tagged with
a version counter in the shared cache (cms/cache_versions.py).

Any page saved, deleted or moved, and any view restriction changed, bumps
the counter at once and again when the transaction commits. The counter is
in the shared cache, so every worker reads the new value. An entry is also
reloaded after ``MAX_AGE_SECONDS``, in case a change bypassed the signals
(a raw SQL update). What may change per request is never kept: challenge phases
(``ChallengeState``), the audience rule and group memberships are read each
time.
"""

import copy
import logging
import threading
import time

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import post_page_move

from cms.cache_versions import bump_version, get_version

from .models import IdeaBoardPage

logger = logging.getLogger(__name__)

PAGES_VERSION_KEY = "ideation:board-pages:version"
MAX_AGE_SECONDS = 60
MAX_ENTRIES = 1000


class BoardNotFound(LookupError):
    """No live page of the board exists."""


class _Entry:
    __slots__ = ("board", "loaded_at", "restrictions", "version")

    def __init__(self, version, board, restrictions) -> None:
        self.version = version
        self.board = board
        self.restrictions = restrictions
        self.loaded_at = time.monotonic()


_entries: dict[tuple[str, str], _Entry] = {}
_lock = threading.Lock()


def load_board(board_key) -> tuple[IdeaBoardPage, list[PageViewRestriction]]:
    """Read the board's page in the active language (or any other) and the
    view restrictions that apply to it, from the database."""
    boards = list(
        IdeaBoardPage.objects.live().filter(translation_key=board_key).order_by("pk")
    )
    if not boards:
        raise BoardNotFound(str(board_key))
    try:
        active_locale_id = Locale.get_active().pk
    except Locale.DoesNotExist:
        active_locale_id = None
    board = next((b for b in boards if b.locale_id == active_locale_id), boards[0])
    board = board.specific
    return board, list(board.get_view_restrictions())


def find_board(board_key) -> tuple[IdeaBoardPage, list[PageViewRestriction]]:
    """Return the board's page and its view restrictions, from this
    process's copy while no page changed.

    The page is a copy, so callers may set attributes on it freely.
    """
    key = (str(board_key), translation.get_language() or "")
    version = get_version(PAGES_VERSION_KEY)
    if version is None:
        return load_board(board_key)
    entry = _entries.get(key)
    if (
        entry is not None
        and entry.version == version
        and time.monotonic() - entry.loaded_at < MAX_AGE_SECONDS
    ):
        return copy.copy(entry.board), entry.restrictions
    board, restrictions = load_board(board_key)
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = _Entry(version, board, restrictions)
    return copy.copy(board), restrictions


def forget_boards(**kwargs) -> None:
    """Make every process read board pages again.

    The counter moves now, so that the rest of the changing transaction reads
    its own change, and again once it commits, because a request may have
    cached the old page in between.
    """
    bump_version(PAGES_VERSION_KEY)
    transaction.on_commit(lambda: bump_version(PAGES_VERSION_KEY), robust=True)


def _page_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_boards()


def connect_signals() -> None:
    # Any page: a board's ancestors carry restrictions and decide whether it
    # is still reachable, and a move changes both.
    post_save.connect(_page_changed, dispatch_uid="board_lookup_page_saved")
    # Every deleted page has a row in ``Page``. A receiver for all models
    # would make Django read the rows of every queryset delete first.
    post_delete.connect(
        _page_changed, sender=Page, dispatch_uid="board_lookup_page_deleted"
    )
    post_page_move.connect(forget_boards, dispatch_uid="board_lookup_page_moved")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            forget_boards,
            sender=PageViewRestriction,
            dispatch_uid=f"board_lookup_restriction_{name}",
        )
    m2m_changed.connect(
        forget_boards,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="board_lookup_restriction_groups",
    )
    logger.debug("board lookup: page signals connected")
