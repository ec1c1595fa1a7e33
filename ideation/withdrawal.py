"""Authors withdraw their own ideas.

A withdrawn idea stays on the board, because people may have voted on it
and discussed it. It gets the status of kind ``withdrawn``, which closes it
like a declined idea, with the author's explanation on its timeline. Followers
are notified as for any status change. A facilitator can open it again by
giving it another status.
"""

import logging

from django.db import transaction
from django.db.models import Q

from . import permissions, services
from .errors import IdeationError
from .models import (
    CLOSED_KINDS,
    Idea,
    IdeaStatus,
    NotificationKind,
    StatusChange,
    StatusKind,
)

logger = logging.getLogger(__name__)

EXPLANATION_MAX_LENGTH = 2000


def get_withdrawn_status() -> IdeaStatus:
    """Return the status of withdrawn ideas, created again if an editor
    deleted it from the list."""
    status = (
        IdeaStatus.objects.filter(kind=StatusKind.WITHDRAWN)
        .order_by("sort_order", "pk")
        .first()
    )
    if status is None:
        status = IdeaStatus.objects.create(
            name="Retirée", name_en="Withdrawn", kind=StatusKind.WITHDRAWN
        )
        logger.warning("withdrawn status %s created again", status.pk)
    return status


def can_withdraw(user, idea) -> bool:
    """Return whether ``user`` may withdraw ``idea`` now: its author, while
    the idea is published, not merged and not closed."""
    return (
        user.is_authenticated
        and idea.author_id == user.pk
        and not idea.is_hidden
        and not idea.awaiting_moderation
        and not idea.is_closed
    )


def closed_error_code(idea_id: int) -> str:
    """Return the error code for an idea its author can no longer withdraw:
    one they withdrew already (from another tab, say) reads differently from
    one a facilitator closed or merged."""
    withdrawn = Idea.objects.filter(
        pk=idea_id, merged_into__isnull=True, status__kind=StatusKind.WITHDRAWN
    ).exists()
    return "withdraw_already" if withdrawn else "withdraw_closed"


def withdraw_idea(user, idea_id: int, explanation: str = "") -> StatusChange:
    """Withdraw an idea for its author, with an optional public explanation.

    The status is set by one conditional UPDATE on the idea's own columns,
    so that two requests at once (or a facilitator closing the idea in the
    meantime) give one withdrawal and one error.
    """
    from .live import broadcast_status
    from .notifications import notify_followers

    explanation = services.normalize_text(explanation)[:EXPLANATION_MAX_LENGTH]
    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        services.check_published(idea)
        board = services.get_board_by_key_for(user, idea.board_key)
        if idea.author_id != user.pk or not permissions.can_take_part(user, board):
            raise IdeationError("withdraw_author_only")
        status = get_withdrawn_status()
        closed_ids = list(
            IdeaStatus.objects.filter(kind__in=CLOSED_KINDS).values_list(
                "pk", flat=True
            )
        )
        updated = (
            Idea.objects.filter(pk=idea.pk, merged_into__isnull=True)
            .filter(Q(status__isnull=True) | ~Q(status_id__in=closed_ids))
            .update(status=status)
        )
        if not updated:
            raise IdeationError(closed_error_code(idea.pk))
        idea.status = status
        change = StatusChange.objects.create(
            idea=idea, status=status, feedback=explanation, author=user
        )
        broadcast_status(idea)
        notify_followers(
            idea, NotificationKind.STATUS, actor=user, status_change=change
        )
    logger.info("idea %s withdrawn by its author %s", idea.pk, user.pk)
    return change
