"""Flags, the facilitators' queue, hiding and restoring, pre-moderation.

Hiding sets ``is_hidden``; every reader goes through ``visible_to`` or
``Comment.objects.visible``, so hidden content leaves the board, the idea
page, search, exports, notifications and live messages at once.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

import audit

from . import permissions, services
from .challenges import check_facilitator
from .comments import remove_comment
from .errors import IdeationError
from .models import (
    Comment,
    Flag,
    Idea,
    IdeaBoardPage,
    Notification,
    NotificationKind,
)
from .notifications import notify_facilitators

logger = logging.getLogger(__name__)


def flag(user, idea_id: int, reason: str, details: str = "", comment_id=None) -> Flag:
    """Record a report on an idea or one of its comments."""
    services.check_can_participate(user)
    idea = services.get_idea_for(user, idea_id)
    services.check_published(idea)
    comment = None
    if comment_id is not None:
        comment = Comment.objects.visible().filter(pk=comment_id, idea=idea).first()
        if comment is None:
            raise IdeationError("not_found")
    with transaction.atomic():
        # Two reports sent at once would both find no open report and both be
        # created: the lock on the idea's row makes the second one wait.
        Idea.objects.select_for_update().filter(pk=idea.pk).first()
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
        board = services.get_board_by_key_for(user, idea.board_key)
        notify_facilitators(idea, board, NotificationKind.FLAGGED, actor=user)
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


def get_hidden_idea_for_facilitator(user, idea_id: int) -> tuple:
    """Return ``(idea, board)`` of a hidden idea for its board's facilitators.

    This is the one exception to ``Idea.objects.visible_to``, used only by the
    page of one idea, so that a facilitator can read what was hidden before
    restoring it. Everyone else, the idea's author included, gets
    ``not_found`` as for an idea that does not exist.
    """
    idea = (
        Idea.objects.filter(pk=idea_id, is_hidden=True)
        .select_related("author", "status", "category", "merged_into")
        .first()
    )
    if idea is None:
        raise IdeationError("not_found")
    try:
        board = get_board_for_idea(user, idea)
    except IdeationError:
        raise IdeationError("not_found") from None
    if not permissions.is_facilitator(user, board):
        raise IdeationError("not_found")
    idea.voted_by_me = False
    return idea, board


# Hidden ideas and hidden comments listed in the moderation queue; the others
# are counted.
HIDDEN_IDEAS_LISTED = 100
HIDDEN_COMMENTS_LISTED = 100

# Characters kept of the reason that a facilitator gives for hiding an idea.
HIDING_REASON_MAX_LENGTH = 500


def get_queue_for(user) -> dict:
    """Return what waits for ``user`` as a facilitator: flags, pending ideas,
    and the hidden ideas and comments that can be restored."""
    keys = permissions.facilitated_board_keys(user)
    flags = list(
        Flag.objects.filter(resolved_at__isnull=True, idea__board_key__in=keys)
        .select_related("idea", "comment", "comment__author", "reporter")
        .order_by("created_at")
    )
    pending = list(
        Idea.objects.filter(
            board_key__in=keys, awaiting_moderation=True
        ).select_related("author")
    )
    # Every hidden idea can be restored, also one hidden without a report or
    # rejected in pre-moderation. The most recent ideas come first.
    hidden = (
        Idea.objects.filter(
            board_key__in=keys, is_hidden=True, awaiting_moderation=False
        )
        .select_related("author")
        .order_by("-created_at", "-pk")
    )
    # A deleted comment stays deleted whatever its moderation state, so it
    # is not offered for restoring.
    hidden_comments = (
        Comment.objects.filter(
            idea__board_key__in=keys, is_hidden=True, is_deleted=False
        )
        .select_related("idea", "author")
        .order_by("-created_at", "-pk")
    )
    hidden_list = list(hidden[:HIDDEN_IDEAS_LISTED])
    hidden_comment_list = list(hidden_comments[:HIDDEN_COMMENTS_LISTED])
    attach_hiding_events(hidden_list, "ideation.idea.hidden")
    attach_hiding_events(hidden_comment_list, "ideation.comment.hidden")
    titles = get_board_titles(keys)
    for idea in [*pending, *hidden_list]:
        idea.board_title = titles.get(idea.board_key, "")
    for flag_item in flags:
        flag_item.board_title = titles.get(flag_item.idea.board_key, "")
    for comment in hidden_comment_list:
        comment.board_title = titles.get(comment.idea.board_key, "")
    return {
        "flags": flags,
        "pending": pending,
        "hidden": hidden_list,
        "hidden_total": hidden.count(),
        "hidden_comments": hidden_comment_list,
        "hidden_comments_total": hidden_comments.count(),
    }


def get_board_titles(board_keys) -> dict:
    """Return the title of each board, in the active language when the board
    has a live page in it."""
    language = translation.get_language()
    pages = IdeaBoardPage.objects.live().filter(translation_key__in=board_keys)
    titles = {}
    for page in pages.select_related("locale"):
        if page.translation_key not in titles or page.locale.language_code == language:
            titles[page.translation_key] = page.title
    return titles


def attach_hiding_events(items: list, event_name: str) -> None:
    """Set ``hiding`` on each item: its latest ``event_name`` audit event, or
    None for an item hidden before the audit trail recorded moderation."""
    from audit.models import AuditEvent

    if not items:
        return
    content_type = ContentType.objects.get_for_model(type(items[0]))
    events = (
        AuditEvent.objects.filter(
            name=event_name,
            target_type=content_type,
            target_id__in=[str(item.pk) for item in items],
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    latest = {event.target_id: event for event in events}
    for item in items:
        item.hiding = latest.get(str(item.pk))


def hide_idea(user, idea_id: int, reason: str = "") -> Idea:
    """Hide an idea from everyone but its board's facilitators.

    ``reason`` is optional; it goes to the audit trail and to the author's
    notification.
    """
    from .live import broadcast_idea_removed
    from .notifications import notify_author_of_hiding, notify_authors_of_moderation

    reason = services.normalize_text(reason)[:HIDING_REASON_MAX_LENGTH]
    with transaction.atomic():
        # Two hides at once: the second waits here, then reads the idea
        # already hidden, so the authors are notified once.
        Idea.objects.select_for_update().filter(pk=idea_id).values_list("pk").first()
        idea, _board = get_idea_for_facilitator(user, idea_id)
        if not idea.is_hidden:
            idea.is_hidden = True
            idea.awaiting_moderation = False
            idea.save(update_fields=["is_hidden", "awaiting_moderation"])
            broadcast_idea_removed(idea)
            audit.record("ideation.idea.hidden", actor=user, target=idea, reason=reason)
            notify_author_of_hiding(idea, user, reason)
        elif idea.awaiting_moderation:
            # Rejecting a pre-moderated idea: it was never shown, so nothing
            # is broadcast. It leaves the pending list for the hidden one,
            # where it can still be restored.
            idea.awaiting_moderation = False
            idea.save(update_fields=["awaiting_moderation"])
            audit.record(
                "ideation.idea.rejected", actor=user, target=idea, reason=reason
            )
            notify_authors_of_moderation(idea, user, NotificationKind.REJECTED, reason)
        resolve_flags(idea=idea)
    logger.info("idea %s hidden by user %s", idea.pk, user.pk)
    return idea


# Audit events that change whether an idea is shown. The latest one counts.
VISIBILITY_EVENTS = (
    "ideation.idea.hidden",
    "ideation.idea.rejected",
    "ideation.idea.restored",
)


def was_rejected(idea: Idea) -> bool:
    """Return whether ``idea`` is hidden because it was rejected in
    pre-moderation and not published since.

    The idea row alone cannot tell, because a rejected idea and one hidden
    after publication have the same flags. The audit trail records which of
    the two happened last. For an idea with no such event, the notices sent
    to its authors decide: it was rejected when the latest one is a rejection.

    NOTE: an idea rejected with neither an audit event nor a rejection
    notice counts as hidden after publication, so restoring it sends no
    notification.
    """
    from audit.models import AuditEvent

    content_type = ContentType.objects.get_for_model(Idea)
    latest = (
        AuditEvent.objects.filter(
            name__in=VISIBILITY_EVENTS,
            target_type=content_type,
            target_id=str(idea.pk),
        )
        .order_by("-created_at", "-pk")
        .values_list("name", flat=True)
        .first()
    )
    if latest is not None:
        return latest == "ideation.idea.rejected"
    latest_decision = (
        Notification.objects.filter(
            idea=idea,
            kind__in=(NotificationKind.PUBLISHED, NotificationKind.REJECTED),
        )
        .order_by("-created_at", "-pk")
        .values_list("kind", flat=True)
        .first()
    )
    return latest_decision == NotificationKind.REJECTED


def restore_idea(user, idea_id: int) -> Idea:
    """Show a hidden idea again, or publish one that awaited moderation or
    was rejected there, and tell its authors of the publication."""
    from .broadcast import broadcast_idea_posted
    from .notifications import notify_authors_of_moderation

    with transaction.atomic():
        # Two facilitators restoring at once: the second waits here, then
        # reads the idea already shown, so the authors are notified once.
        Idea.objects.select_for_update().filter(pk=idea_id).values_list("pk").first()
        idea, _board = get_idea_for_facilitator(user, idea_id)
        if idea.awaiting_moderation or (idea.is_hidden and was_rejected(idea)):
            notify_authors_of_moderation(idea, user, NotificationKind.PUBLISHED)
        if idea.is_hidden:
            idea.is_hidden = False
            idea.awaiting_moderation = False
            idea.save(update_fields=["is_hidden", "awaiting_moderation"])
            sequence = services.next_sequence(idea.board_key)
            transaction.on_commit(
                lambda: broadcast_idea_posted(idea, sequence, restored=True),
                robust=True,
            )
            audit.record("ideation.idea.restored", actor=user, target=idea)
        resolve_flags(idea=idea)
    logger.info("idea %s restored by user %s", idea.pk, user.pk)
    return idea


def get_hidden_comments_for(user, idea: Idea) -> list:
    """Return the idea's hidden comments, oldest first, for its board's
    facilitators, and an empty list for everyone else."""
    try:
        board = get_board_for_idea(user, idea)
    except IdeationError:
        return []
    if not permissions.is_facilitator(user, board):
        return []
    comments = list(
        Comment.objects.filter(idea=idea, is_hidden=True, is_deleted=False)
        .select_related("author", "parent__author")
        .order_by("created_at", "pk")
    )
    attach_hiding_events(comments, "ideation.comment.hidden")
    return comments


def locked_comment(comment_id: int) -> Comment:
    """Lock and return a comment, so that two facilitators acting on it at
    once record and broadcast one change; call inside ``transaction.atomic``."""
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .filter(pk=comment_id)
        .select_related("idea")
        .first()
    )
    if comment is None:
        raise IdeationError("not_found")
    return comment


def hide_comment(user, comment_id: int) -> Comment:
    from .live import broadcast_comment_removed

    with transaction.atomic():
        comment = locked_comment(comment_id)
        get_idea_for_facilitator(user, comment.idea_id)
        if not comment.is_hidden:
            remove_comment(comment, "is_hidden")
            broadcast_comment_removed(comment.idea, comment)
            audit.record("ideation.comment.hidden", actor=user, target=comment)
        resolve_flags(comment=comment)
    logger.info("comment %s hidden by user %s", comment.pk, user.pk)
    return comment


def restore_comment(user, comment_id: int) -> Comment:
    """Show a hidden comment again, with the replies hidden along with it."""
    from .live import broadcast_comment_restored

    with transaction.atomic():
        comment = locked_comment(comment_id)
        idea, _board = get_idea_for_facilitator(user, comment.idea_id)
        if comment.is_hidden:
            comment.is_hidden = False
            comment.save(update_fields=["is_hidden"])
            services.recount(idea.pk)
            broadcast_comment_restored(idea, comment)
            audit.record("ideation.comment.restored", actor=user, target=comment)
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
