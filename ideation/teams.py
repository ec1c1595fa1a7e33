"""Teams of co-authors: requests to join, answers, removals and departures.

Joining is a request that the idea's author or one of its co-authors
accepts or declines; only accepted people are in ``Idea.coauthors`` and so
may edit the idea (``permissions.can_edit_idea``). The author is notified
of each request and the requester of the answer. A declined person cannot
ask again, so that nobody can flood an author with requests.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from . import permissions, services
from .errors import IdeationError
from .models import Idea, NotificationKind, TeamRequest, TeamRequestStatus

logger = logging.getLogger(__name__)


@dataclass
class TeamView:
    """The team of an idea as its page shows it to one person."""

    members: list
    pending_requests: list = field(default_factory=list)
    own_request: TeamRequest | None = None
    may_answer: bool = False
    may_remove: bool = False


def get_team_for(user, idea: Idea) -> TeamView:
    """Return the idea's co-authors and, for its authors, the open requests."""
    members = list(idea.coauthors.all())
    team = TeamView(members=members)
    if not user.is_authenticated:
        return team
    team.may_answer = permissions.can_edit_idea(user, idea)
    team.may_remove = idea.author_id == user.pk
    if team.may_answer:
        team.pending_requests = list(
            idea.team_requests.filter(status=TeamRequestStatus.PENDING)
            .select_related("user")
            .order_by("created_at", "pk")
        )
    team.own_request = idea.team_requests.filter(user=user).first()
    return team


def request_to_join(user, idea_id: int) -> TeamRequest:
    """Ask to join an idea's team and notify its author.

    Asking again while a request waits changes nothing. Authors and members
    are rejected with ``team_member``, declined people with
    ``team_request_declined``.
    """
    from .notifications import notify_person

    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        board = services.get_board_by_key_for(user, idea.board_key)
        services.check_can_participate(user, board)
        if permissions.can_edit_idea(user, idea):
            raise IdeationError("team_member")
        team_request, created = TeamRequest.objects.get_or_create(idea=idea, user=user)
        if team_request.status == TeamRequestStatus.DECLINED:
            raise IdeationError("team_request_declined")
        if team_request.status == TeamRequestStatus.PENDING and not created:
            return team_request
        if team_request.status == TeamRequestStatus.ACCEPTED:
            # The person left the team in a way that kept the row (an erased
            # account's data): ask the authors again.
            team_request.status = TeamRequestStatus.PENDING
            team_request.created_at = timezone.now()
            team_request.save(update_fields=["status", "created_at"])
        notify_person(
            idea.author, idea, NotificationKind.TEAM_REQUEST, team_request=team_request
        )
    logger.info(
        "user %s asks to join the team of idea %s (request %s)",
        user.pk,
        idea.pk,
        team_request.pk,
    )
    return team_request


def answer_request(user, idea_id: int, request_id: int, accept: bool) -> TeamRequest:
    """Accept or decline a waiting request and tell the requester.

    The idea's author and its co-authors may answer.
    """
    from .notifications import follow, notify_person

    with transaction.atomic():
        team_request = (
            TeamRequest.objects.select_for_update()
            .filter(pk=request_id, idea_id=idea_id, status=TeamRequestStatus.PENDING)
            .first()
        )
        if team_request is None:
            raise IdeationError("team_request_not_found")
        idea = services.get_idea_for(user, team_request.idea_id)
        if not permissions.can_edit_idea(user, idea):
            raise IdeationError("not_author")
        team_request.status = (
            TeamRequestStatus.ACCEPTED if accept else TeamRequestStatus.DECLINED
        )
        team_request.answered_at = timezone.now()
        team_request.answered_by = user
        team_request.save(update_fields=["status", "answered_at", "answered_by"])
        requester = team_request.user
        if accept:
            idea.coauthors.add(requester)
            follow(requester, idea)
        kind = (
            NotificationKind.TEAM_ACCEPTED if accept else NotificationKind.TEAM_DECLINED
        )
        notify_person(requester, idea, kind, team_request=team_request)
    logger.info(
        "team request %s of user %s on idea %s %s by user %s",
        team_request.pk,
        requester.pk,
        idea.pk,
        team_request.status,
        user.pk,
    )
    return team_request


def leave_team(user, idea_id: int) -> Idea:
    """Take ``user`` off an idea's team, or withdraw their waiting request.

    A declined request stays, so that leaving does not allow asking again.
    """
    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        idea.coauthors.remove(user)
        TeamRequest.objects.filter(idea=idea, user=user).exclude(
            status=TeamRequestStatus.DECLINED
        ).delete()
    logger.info("user %s left the team of idea %s", user.pk, idea.pk)
    return idea


def remove_member(user, idea_id: int, member_id: int) -> Idea:
    """Let the idea's author take a co-author off the team, and tell them.

    The removed person may ask to join again later.
    """
    from .notifications import notify_person

    with transaction.atomic():
        idea = services.get_idea_for(user, idea_id)
        if idea.author_id != user.pk:
            raise IdeationError("team_author_only")
        member = idea.coauthors.filter(pk=member_id).first()
        if member is None:
            raise IdeationError("team_member_not_found")
        idea.coauthors.remove(member)
        TeamRequest.objects.filter(idea=idea, user=member).delete()
        notify_person(member, idea, NotificationKind.TEAM_REMOVED)
    logger.info(
        "user %s removed user %s from the team of idea %s", user.pk, member.pk, idea.pk
    )
    return idea
