"""Concurrent votes, reports and hides, on the configured database (SQLite or
PostgreSQL)."""

import pytest

from audit.models import AuditEvent
from ideation import comments, moderation, services
from ideation.models import BoardSequence, Flag, Idea, Notification, Vote
from tests.concurrency import call_at_once
from tests.ideation.conftest import make_user

VOTERS = 20


def vote_in_threads(voters, idea_id):
    """Cast one vote per entry of ``voters`` at once; return errors raised."""
    return call_at_once(
        lambda user: services.set_vote(user, idea_id, True), voters
    ).errors


def run_in_threads(arguments, action):
    """Call ``action(argument)`` for each of ``arguments`` at once; return the
    errors raised."""
    return call_at_once(action, arguments).errors


@pytest.mark.django_db(transaction=True)
def test_set_vote_twenty_people_at_once_count_twenty(idea):
    voters = [make_user(f"Votant{number}", "Test") for number in range(VOTERS)]

    errors = vote_in_threads(voters, idea.pk)

    idea.refresh_from_db()
    assert errors == []
    assert Vote.objects.filter(idea=idea).count() == VOTERS
    assert idea.vote_count == VOTERS
    # One number for the posted idea, then one per vote.
    sequence = BoardSequence.objects.get(board_key=idea.board_key)
    assert sequence.value == VOTERS + 1


@pytest.mark.django_db(transaction=True)
def test_set_vote_same_person_at_once_counts_once(idea, other_agent):
    errors = vote_in_threads([other_agent] * 10, idea.pk)

    assert errors == []
    assert Vote.objects.filter(idea=idea).count() == 1
    assert Idea.objects.get(pk=idea.pk).vote_count == 1


@pytest.mark.django_db(transaction=True)
def test_flag_same_person_at_once_records_one(idea, other_agent):
    errors = run_in_threads(
        [other_agent] * 10, lambda user: moderation.flag(user, idea.pk, "spam")
    )

    assert errors == []
    assert Flag.objects.filter(idea=idea, reporter=other_agent).count() == 1


@pytest.mark.django_db(transaction=True)
def test_hide_idea_at_once_notifies_once(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée à masquer", "")

    errors = run_in_threads(
        [facilitator] * 8, lambda user: moderation.hide_idea(user, idea.pk, "Doublon")
    )

    assert errors == []
    assert (
        Notification.objects.filter(idea=idea, user=agent, kind="hidden").count() == 1
    )


@pytest.mark.django_db(transaction=True)
def test_hide_comment_at_once_records_once(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée commentée", "")
    comment = comments.post_comment(agent, idea.pk, "Commentaire à masquer")

    errors = run_in_threads(
        [facilitator] * 8, lambda user: moderation.hide_comment(user, comment.pk)
    )

    assert errors == []
    hidden = AuditEvent.objects.filter(name="ideation.comment.hidden")
    assert hidden.count() == 1
