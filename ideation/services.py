"""State changes and permission-aware queries of the Smart Lab.

Every change runs in one transaction; live messages go out only after commit.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils.translation import get_language

from .errors import IdeationError
from .models import BoardSequence, Idea, IdeaBoardPage, Vote

logger = logging.getLogger(__name__)


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
    """Return a visible idea or raise ``IdeationError`` with code ``not_found``."""
    try:
        return Idea.objects.visible().select_related("author").get(pk=idea_id)
    except Idea.DoesNotExist:
        raise IdeationError("not_found") from None


def check_can_participate(user) -> None:
    if not user.is_authenticated:
        raise IdeationError("sign_in_required")
    if not user.is_active:
        raise IdeationError("forbidden")


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
    """Create an idea on ``board`` and broadcast it after commit."""
    from .broadcast import broadcast_idea_posted

    check_can_participate(user)
    if not board.accepts_ideas:
        raise IdeationError("board_closed")
    with transaction.atomic():
        idea = Idea.objects.create(
            board_key=board.board_key,
            author=user,
            title=title,
            description=description,
            language=(get_language() or "fr")[:2],
        )
        sequence = next_sequence(board.board_key)
        transaction.on_commit(lambda: broadcast_idea_posted(idea, sequence))
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
            idea = Idea.objects.visible().select_for_update().get(pk=idea_id)
        except Idea.DoesNotExist:
            raise IdeationError("not_found") from None
        changed = False
        if voted:
            try:
                with transaction.atomic():
                    Vote.objects.create(idea=idea, user=user)
                changed = True
            except IntegrityError:
                changed = False
            if changed:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
        else:
            deleted, _detail = Vote.objects.filter(idea=idea, user=user).delete()
            changed = deleted > 0
            if changed:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
        idea.refresh_from_db(fields=["vote_count"])
        if changed:
            sequence = next_sequence(idea.board_key)
            count = idea.vote_count
            transaction.on_commit(
                lambda: broadcast_vote_count(idea.board_key, idea.pk, count, sequence)
            )
    if changed:
        logger.info(
            "user %s %s idea %s, now %s votes",
            user.pk,
            "voted for" if voted else "withdrew the vote on",
            idea.pk,
            idea.vote_count,
        )
    return VoteResult(
        idea=idea, voted=voted, vote_count=idea.vote_count, changed=changed
    )
