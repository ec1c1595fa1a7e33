"""Flags, the facilitators' queue, hiding and restoring, pre-moderation.

Hiding sets ``is_hidden``; every reader goes through ``visible_to`` or
``Comment.objects.visible``, so hidden content leaves the board, the idea
page, search, exports, notifications and live messages at once.
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import permissions, services
from .challenges import check_facilitator
from .comments import remove_comment
from .errors import IdeationError
from .models import Comment, Flag, Idea

logger = logging.getLogger(__name__)


def flag(user, idea_id: int, reason: str, details: str = "", comment_id=None) -> Flag:
    """Record a report on an idea or one of its comments."""
    services.check_can_participate(user)
    idea = services.get_idea_for(user, idea_id)
    comment = None
    if comment_id is not None:
        comment = Comment.objects.visible().filter(pk=comment_id, idea=idea).first()
        if comment is None:
            raise IdeationError("not_found")
    # One open report per person and item: reporting again changes nothing.
    existing = Flag.objects.filter(
        idea=idea, comment=comment, reporter=user, resolved_at__isnull=True
    ).first()
    if existing is not None:
        logger.info(
            "flag %s on idea %s repeated by user %s", existing.pk, idea.pk, user.pk
        )
        return existing
    report = Flag.objects.create(
        idea=idea,
        comment=comment,
        reporter=user,
        reason=reason,
        details=services.normalize_text(details)[:500],
    )
    logger.info("flag %s on idea %s by user %s", report.pk, idea.pk, user.pk)
    return report


def get_board_for_idea(user, idea: Idea):
    """Return the idea's board for a facilitator, whatever the idea's state."""
    return services.get_board_by_key_for(user, idea.board_key)


def get_idea_for_facilitator(user, idea_id: int) -> tuple:
    """Return ``(idea, board)``, hidden ideas included, for a facilitator."""
    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        raise IdeationError("not_found")
    board = get_board_for_idea(user, idea)
    check_facilitator(user, board)
    return idea, board


# Hidden ideas listed in the moderation queue; the others are counted.
HIDDEN_IDEAS_LISTED = 100


def get_queue_for(user) -> dict:
    """Return what waits for ``user`` as a facilitator: flags and pending ideas."""
    keys = permissions.facilitated_board_keys(user)
    flags = (
        Flag.objects.filter(resolved_at__isnull=True, idea__board_key__in=keys)
        .select_related("idea", "comment", "comment__author", "reporter")
        .order_by("created_at")
    )
    pending = Idea.objects.filter(
        board_key__in=keys, awaiting_moderation=True
    ).select_related("author")
    # Every hidden idea can be restored, also one hidden without a report or
    # rejected in pre-moderation. The most recent ideas come first.
    hidden = (
        Idea.objects.filter(
            board_key__in=keys, is_hidden=True, awaiting_moderation=False
        )
        .select_related("author")
        .order_by("-created_at", "-pk")
    )
    return {
        "flags": list(flags),
        "pending": list(pending),
        "hidden": list(hidden[:HIDDEN_IDEAS_LISTED]),
        "hidden_total": hidden.count(),
    }


def hide_idea(user, idea_id: int) -> Idea:
    from .live import broadcast_idea_removed

    with transaction.atomic():
        idea, _board = get_idea_for_facilitator(user, idea_id)
        if not idea.is_hidden:
            idea.is_hidden = True
            idea.awaiting_moderation = False
            idea.save(update_fields=["is_hidden", "awaiting_moderation"])
            broadcast_idea_removed(idea)
        resolve_flags(idea=idea)
    logger.info("idea %s hidden by user %s", idea.pk, user.pk)
    return idea


def restore_idea(user, idea_id: int) -> Idea:
    """Show a hidden idea again, or publish one that awaited moderation."""
    from .broadcast import broadcast_idea_posted

    with transaction.atomic():
        idea, _board = get_idea_for_facilitator(user, idea_id)
        if idea.is_hidden:
            idea.is_hidden = False
            idea.awaiting_moderation = False
            idea.save(update_fields=["is_hidden", "awaiting_moderation"])
            sequence = services.next_sequence(idea.board_key)
            transaction.on_commit(
                lambda: broadcast_idea_posted(idea, sequence, restored=True),
                robust=True,
            )
        resolve_flags(idea=idea)
    logger.info("idea %s restored by user %s", idea.pk, user.pk)
    return idea


def hide_comment(user, comment_id: int) -> Comment:
    from .live import broadcast_comment_removed

    with transaction.atomic():
        comment = Comment.objects.filter(pk=comment_id).select_related("idea").first()
        if comment is None:
            raise IdeationError("not_found")
        get_idea_for_facilitator(user, comment.idea_id)
        if not comment.is_hidden:
            remove_comment(comment, "is_hidden")
            broadcast_comment_removed(comment.idea, comment)
        resolve_flags(comment=comment)
    logger.info("comment %s hidden by user %s", comment.pk, user.pk)
    return comment


def restore_comment(user, comment_id: int) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.filter(pk=comment_id).first()
        if comment is None:
            raise IdeationError("not_found")
        get_idea_for_facilitator(user, comment.idea_id)
        comment.is_hidden = False
        comment.save(update_fields=["is_hidden"])
        services.recount(comment.idea_id)
        resolve_flags(comment=comment)
    logger.info("comment %s restored by user %s", comment.pk, user.pk)
    return comment


def dismiss_flag(user, flag_id: int) -> None:
    report = Flag.objects.filter(pk=flag_id).first()
    if report is None:
        raise IdeationError("not_found")
    get_idea_for_facilitator(user, report.idea_id)
    Flag.objects.filter(pk=flag_id).update(resolved_at=timezone.now())
    logger.info("flag %s dismissed by user %s", flag_id, user.pk)


def resolve_flags(idea=None, comment=None) -> None:
    flags = Flag.objects.filter(resolved_at__isnull=True)
    if comment is not None:
        flags = flags.filter(comment=comment)
    else:
        flags = flags.filter(idea=idea, comment__isnull=True)
    flags.update(resolved_at=timezone.now())
