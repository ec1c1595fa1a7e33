"""Comments on ideas, with one level of replies, sent live after commit."""

import logging

from django.db import transaction
from django.utils import timezone

from . import services
from .challenges import get_rules
from .errors import IdeationError
from .models import COMMENT_MAX_LENGTH, Comment, Idea, NotificationKind

logger = logging.getLogger(__name__)


def check_comment_text(body: str) -> str:
    body = services.normalize_text(body)
    if not body:
        raise IdeationError("comment_required")
    if len(body) > COMMENT_MAX_LENGTH:
        raise IdeationError("comment_too_long", max_length=COMMENT_MAX_LENGTH)
    return body


def get_comments_for(user, idea: Idea):
    """Return the idea's visible top-level comments with their visible replies."""
    comments = list(
        Comment.objects.visible()
        .filter(idea=idea)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    by_parent: dict = {}
    for comment in comments:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    top_level = by_parent.get(None, [])
    for comment in top_level:
        comment.visible_replies = by_parent.get(comment.pk, [])
    return top_level


def post_comment(user, idea_id: int, body: str, parent_id: int | None = None):
    """Add a comment, or a reply to a top-level comment, and send it live."""
    from .live import broadcast_comment
    from .notifications import follow, notify_followers

    services.check_can_participate(user)
    body = check_comment_text(body)
    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        services.check_published(idea)
        board = services.get_board_by_key_for(user, idea.board_key)
        services.check_can_participate(user, board)
        if not get_rules(board).commenting:
            raise IdeationError("commenting_closed")
        if idea.merged_into_id:
            raise IdeationError("idea_merged")
        parent = None
        if parent_id is not None:
            parent = Comment.objects.visible().filter(pk=parent_id, idea=idea).first()
            if parent is None:
                raise IdeationError("not_found")
            # Replies to a reply join the thread of its top-level comment.
            if parent.parent_id is not None:
                parent = parent.parent
        comment = Comment.objects.create(
            idea=idea, parent=parent, author=user, body=body
        )
        services.change_comment_count(idea.pk, 1)
        follow(user, idea)
        # The live message is queued first: its number was taken in this
        # transaction, and later messages must not overtake it while the
        # e-mails of the notifications are queued.
        broadcast_comment(idea, comment, "comment.posted")
        notify_followers(idea, NotificationKind.COMMENT, actor=user, comment=comment)
    logger.info("comment %s posted on idea %s by user %s", comment.pk, idea.pk, user.pk)
    return comment


def get_own_comment(user, comment_id: int) -> Comment:
    services.check_can_participate(user)
    comment = (
        Comment.objects.visible().select_related("idea").filter(pk=comment_id).first()
    )
    if (
        comment is None
        or not services.Idea.objects.visible_to(user)
        .filter(pk=comment.idea_id)
        .exists()
    ):
        raise IdeationError("not_found")
    if comment.author_id != user.pk:
        raise IdeationError("not_comment_author")
    return comment


def edit_comment(user, comment_id: int, body: str) -> Comment:
    from .live import broadcast_comment

    body = check_comment_text(body)
    with transaction.atomic():
        comment = get_own_comment(user, comment_id)
        # Closing comments freezes the discussion, so replies keep the text
        # they replied to. Deleting one's own comment stays possible.
        board = services.get_board_by_key_for(user, comment.idea.board_key)
        if not get_rules(board).commenting:
            raise IdeationError("commenting_closed")
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        broadcast_comment(comment.idea, comment, "comment.edited")
    logger.info("comment %s edited by user %s", comment.pk, user.pk)
    return comment


def delete_comment(user, comment_id: int) -> Comment:
    """Delete the author's comment; its replies go with it."""
    from .live import broadcast_comment_removed

    with transaction.atomic():
        comment = get_own_comment(user, comment_id)
        remove_comment(comment, "is_deleted")
        broadcast_comment_removed(comment.idea, comment)
    logger.info("comment %s deleted by user %s", comment.pk, user.pk)
    return comment


def remove_comment(comment: Comment, flag: str) -> None:
    """Set ``flag`` (``is_deleted`` or ``is_hidden``) on a comment and recount.

    Replies of a deleted comment go with it; a hidden one's replies are
    hidden with it and come back when it is restored.
    """
    setattr(comment, flag, True)
    comment.save(update_fields=[flag])
    if flag == "is_deleted":
        Comment.objects.filter(parent=comment).update(is_deleted=True)
    services.recount(comment.idea_id)
