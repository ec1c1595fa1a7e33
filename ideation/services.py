"""State changes and permission-aware queries of the Smart Lab.

Every change runs in one transaction; live messages go out only after commit.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils.translation import get_language
from wagtail.models import Locale, PageViewRestriction

from .errors import IdeationError
from .models import BoardSequence, Idea, IdeaBoardPage, Vote

logger = logging.getLogger(__name__)


def normalize_text(text: str) -> str:
    """Strip surrounding spaces and turn CRLF and CR line breaks into LF.

    Browsers submit textarea line breaks as CRLF but count them as one
    character against ``maxlength``, so lengths are checked after this.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def check_can_view_board(user, board: IdeaBoardPage, request=None) -> None:
    """Raise ``board_not_found`` unless ``user`` may read the live ``board``.

    With a request, Wagtail's own privacy check applies (including page
    passwords stored in the session). Without one, as in a WebSocket
    consumer, password-protected boards are rejected.
    """
    if not board.live:
        raise IdeationError("board_not_found")
    for restriction in board.get_view_restrictions():
        if request is not None:
            allowed = restriction.accept_request(request)
        elif restriction.restriction_type == PageViewRestriction.LOGIN:
            allowed = user.is_authenticated
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = user.is_authenticated and (
                user.is_superuser
                or user.groups.filter(pk__in=restriction.groups.all()).exists()
            )
        else:
            allowed = False
        if not allowed:
            raise IdeationError("board_not_found")


def get_board_for(user, board_id: int, request=None) -> IdeaBoardPage:
    """Return the live board page ``board_id`` that ``user`` may read."""
    board = IdeaBoardPage.objects.live().filter(pk=board_id).first()
    if board is None:
        raise IdeationError("board_not_found")
    check_can_view_board(user, board, request)
    return board


def get_board_by_key_for(user, board_key) -> IdeaBoardPage:
    """Return a live page of the board ``board_key`` that ``user`` may read.

    The page in the active language comes first; any other translation will
    do, because they all share the board's ideas.
    """
    boards = list(
        IdeaBoardPage.objects.live().filter(translation_key=board_key).order_by("pk")
    )
    if not boards:
        raise IdeationError("board_not_found")
    try:
        active_locale_id = Locale.get_active().pk
    except Locale.DoesNotExist:
        active_locale_id = None
    board = next((b for b in boards if b.locale_id == active_locale_id), boards[0])
    check_can_view_board(user, board)
    return board


def get_board_ideas_for(user, board: IdeaBoardPage):
    """Return the board's visible ideas, newest first, with ``voted_by_me``."""
    ideas = Idea.objects.visible().for_board(board.board_key).select_related("author")
    if user.is_authenticated:
        ideas = ideas.annotate(
            voted_by_me=Exists(Vote.objects.filter(idea=OuterRef("pk"), user=user))
        )
    return ideas


def get_latest_ideas_for(user, limit: int = 4):
    """Return the newest visible ideas of every board."""
    return Idea.objects.visible().select_related("author")[:limit]


def get_idea_for(user, idea_id: int) -> Idea:
    """Return a visible idea or raise ``IdeationError`` with code ``not_found``.

    ``voted_by_me`` is set on the returned idea.
    """
    try:
        idea = Idea.objects.visible().select_related("author").get(pk=idea_id)
    except Idea.DoesNotExist:
        raise IdeationError("not_found") from None
    idea.voted_by_me = (
        user.is_authenticated and Vote.objects.filter(idea=idea, user=user).exists()
    )
    return idea


def get_board_sequence(board_key) -> int:
    """Return the number of the board's last live message, 0 before the first.

    Read it before the ideas: a change committed in between then reaches the
    client twice (harmless, the state is absolute) rather than never.
    """
    value = (
        BoardSequence.objects.filter(board_key=board_key)
        .values_list("value", flat=True)
        .first()
    )
    return value or 0


def check_can_participate(user) -> None:
    if not user.is_authenticated:
        raise IdeationError("sign_in_required")
    if not user.is_active:
        raise IdeationError("forbidden")


def check_idea_text(title: str, description: str) -> None:
    """Raise when the title is empty or either text is over its maximum length.

    The form runs the same checks; this guard also covers SQLite, which does
    not enforce ``max_length``.
    """
    if not title:
        raise IdeationError("title_required")
    if len(title) > settings.IDEA_TITLE_MAX_LENGTH:
        raise IdeationError("title_too_long", max_length=settings.IDEA_TITLE_MAX_LENGTH)
    if len(description) > settings.IDEA_DESCRIPTION_MAX_LENGTH:
        raise IdeationError(
            "description_too_long", max_length=settings.IDEA_DESCRIPTION_MAX_LENGTH
        )


def next_sequence(board_key) -> int:
    """Increment and return the board's message number, inside the caller's
    transaction so that numbers follow commit order."""
    sequence, _created = BoardSequence.objects.get_or_create(board_key=board_key)
    BoardSequence.objects.filter(pk=sequence.pk).update(value=F("value") + 1)
    return BoardSequence.objects.values_list("value", flat=True).get(pk=sequence.pk)


@dataclass(frozen=True)
class VoteResult:
    idea: Idea
    voted: bool
    vote_count: int
    changed: bool


def post_idea(user, board: IdeaBoardPage, title: str, description: str) -> Idea:
    """Create an idea on ``board`` and broadcast it after commit.

    Title and description are stored as plain text; templates escape them.
    """
    from .broadcast import broadcast_idea_posted

    check_can_participate(user)
    if not board.live:
        raise IdeationError("board_not_found")
    if not board.accepts_ideas:
        raise IdeationError("board_closed")
    title = normalize_text(title)
    description = normalize_text(description)
    check_idea_text(title, description)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        idea = Idea.objects.create(
            board_key=board.board_key,
            author=user,
            title=title,
            description=description,
            language=language,
        )
        sequence = next_sequence(board.board_key)
        # robust: a channel layer failure is logged and must not turn the
        # committed change into an error page; clients catch up over HTTP.
        transaction.on_commit(
            lambda: broadcast_idea_posted(idea, sequence), robust=True
        )
    logger.info("idea %s posted on board %s by user %s", idea.pk, board.pk, user.pk)
    return idea


def set_vote(user, idea_id: int, voted: bool) -> VoteResult:
    """Add or remove the user's vote; asking for the current state changes nothing.

    The unique constraint on (idea, user) keeps one vote per person even when
    two requests race; the counter moves in the same transaction.
    """
    from .broadcast import broadcast_vote_count

    check_can_participate(user)
    with transaction.atomic():
        try:
            idea = (
                Idea.objects.visible()
                .select_for_update()
                .select_related("author")
                .get(pk=idea_id)
            )
        except Idea.DoesNotExist:
            raise IdeationError("not_found") from None
        if voted:
            changed = _add_vote(idea, user)
        else:
            changed = _remove_vote(idea, user)
        idea.refresh_from_db(fields=["vote_count"])
        if changed:
            sequence = next_sequence(idea.board_key)
            count = idea.vote_count
            transaction.on_commit(
                lambda: broadcast_vote_count(idea.board_key, idea.pk, count, sequence),
                robust=True,
            )
    if changed:
        logger.info(
            "user %s %s idea %s, now %s votes",
            user.pk,
            "voted for" if voted else "withdrew the vote on",
            idea.pk,
            idea.vote_count,
        )
    idea.voted_by_me = voted
    return VoteResult(
        idea=idea, voted=voted, vote_count=idea.vote_count, changed=changed
    )


def _add_vote(idea: Idea, user) -> bool:
    try:
        # The savepoint keeps the outer transaction usable after a duplicate.
        with transaction.atomic():
            Vote.objects.create(idea=idea, user=user)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
    return True


def _remove_vote(idea: Idea, user) -> bool:
    deleted, _detail = Vote.objects.filter(idea=idea, user=user).delete()
    if not deleted:
        return False
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
    return True
