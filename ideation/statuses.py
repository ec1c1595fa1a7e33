"""Facilitators' status changes, with public feedback on the idea's timeline."""

import logging

from django.db import transaction

from . import services
from .challenges import check_facilitator
from .errors import IdeationError
from .models import IdeaStatus, NotificationKind, StatusChange, StatusKind

logger = logging.getLogger(__name__)


def facilitator_statuses():
    """Return the statuses a facilitator may give: all but the withdrawn
    kind, because withdrawing is the author's own act
    (``withdrawal.withdraw_idea``)."""
    return IdeaStatus.objects.exclude(kind=StatusKind.WITHDRAWN)


def get_timeline_for(user, idea) -> list:
    return list(
        StatusChange.objects.filter(idea=idea).select_related("status", "author")
    )


def change_status(user, idea_id: int, status_id: int, feedback: str = ""):
    """Give an idea a new status, notify its followers and update pages live."""
    from .live import broadcast_status
    from .notifications import notify_followers

    feedback = services.normalize_text(feedback)[:2000]
    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        services.check_published(idea)
        board = services.get_board_by_key_for(user, idea.board_key)
        check_facilitator(user, board)
        status = facilitator_statuses().filter(pk=status_id).first()
        if status is None:
            raise IdeationError("status_not_found")
        idea.status = status
        idea.save(update_fields=["status"])
        change = StatusChange.objects.create(
            idea=idea, status=status, feedback=feedback, author=user
        )
        # Live message first, so that it leaves before the e-mails are queued.
        broadcast_status(idea)
        notify_followers(
            idea, NotificationKind.STATUS, actor=user, status_change=change
        )
    logger.info("idea %s given status %s by user %s", idea.pk, status.pk, user.pk)
    return change
