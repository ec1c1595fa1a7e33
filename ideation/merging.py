"""Merging a duplicate idea into another one of the same board.

The target gains the duplicate's voters and followers, each person once; the
duplicate keeps its comments, loses its votes, takes the "merged" status and
points to the target.
"""

import logging

from django.db import transaction

from . import services
from .challenges import check_facilitator
from .errors import IdeationError
from .models import (
    Follow,
    Idea,
    IdeaStatus,
    NotificationKind,
    StatusChange,
    StatusKind,
    Vote,
)

logger = logging.getLogger(__name__)


def get_merge_candidates(user, idea: Idea, board) -> dict[str, list[Idea]]:
    """Return the ideas that ``idea`` can be merged into, for the merge form.

    ``similar`` contains the ideas whose titles share words with this one, the
    likely duplicates. ``others`` contains the rest of the board, by title. Both
    leave out the idea itself and the hidden, merged and unpublished ideas,
    which ``merge_ideas`` rejects.
    """
    similar = [
        candidate
        for candidate in services.get_similar_ideas_for(user, board, idea.title, 6)
        if candidate.pk != idea.pk and not candidate.awaiting_moderation
    ][:5]
    others = (
        Idea.objects.published_to(user)
        .listed()
        .for_board(idea.board_key)
        .filter(awaiting_moderation=False)
        .exclude(pk__in=[idea.pk, *(candidate.pk for candidate in similar)])
        .only("pk", "title")
        .order_by("title", "pk")
    )
    return {"similar": similar, "others": list(others)}


def merge_ideas(user, source_id: int, target_id: int) -> Idea:
    """Merge idea ``source_id`` into ``target_id``; return the target."""
    from .broadcast import broadcast_vote_count
    from .live import broadcast_idea_removed
    from .notifications import notify_followers

    if source_id == target_id:
        raise IdeationError("merge_invalid")
    with transaction.atomic():
        # Lock both rows in a fixed order so that two merges cannot deadlock.
        locked = {
            idea.pk: idea
            for idea in Idea.objects.visible_to(user)
            .select_for_update(of=("self",))
            .filter(pk__in=[source_id, target_id])
            .order_by("pk")
        }
        source, target = locked.get(source_id), locked.get(target_id)
        if source is None or target is None:
            raise IdeationError("not_found")
        services.check_published(source)
        services.check_published(target)
        # A merged target would hide the votes it receives, and merging an
        # idea into its own duplicate would make both point at each other.
        if (
            source.board_key != target.board_key
            or source.merged_into_id
            or target.merged_into_id
        ):
            raise IdeationError("merge_invalid")
        board = services.get_board_by_key_for(user, source.board_key)
        check_facilitator(user, board)

        # Followers of the duplicate hear of the merge before they move over.
        source.merged_into = target
        notify_followers(source, NotificationKind.MERGED, actor=user)
        target_voters = Vote.objects.filter(idea=target).values("user_id")
        Vote.objects.filter(idea=source).exclude(user_id__in=target_voters).update(
            idea=target
        )
        Vote.objects.filter(idea=source).delete()
        target_followers = Follow.objects.filter(idea=target).values("user_id")
        Follow.objects.filter(idea=source).exclude(user_id__in=target_followers).update(
            idea=target
        )

        status = IdeaStatus.objects.filter(kind=StatusKind.MERGED).first()
        source.merged_into = target
        source.status = status
        source.save(update_fields=["merged_into", "status"])
        if status is not None:
            StatusChange.objects.create(idea=source, status=status, author=user)
        services.recount(source.pk)
        services.recount(target.pk)
        target.refresh_from_db()
        broadcast_idea_removed(source)
        sequence = services.next_sequence(target.board_key)
        count = target.vote_count
        transaction.on_commit(
            lambda: broadcast_vote_count(target.board_key, target.pk, count, sequence),
            robust=True,
        )
    logger.info("idea %s merged into %s by user %s", source_id, target_id, user.pk)
    return target
