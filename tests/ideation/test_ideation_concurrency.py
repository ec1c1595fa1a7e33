"""Concurrent votes on one idea, on the configured database (SQLite or PostgreSQL)."""

import pytest

from ideation import services
from ideation.models import BoardSequence, Idea, Vote
from tests.concurrency import call_at_once
from tests.ideation.conftest import make_user

VOTERS = 20


def vote_in_threads(voters, idea_id):
    """Cast one vote per entry of ``voters`` at once; return errors raised."""
    return call_at_once(
        lambda user: services.set_vote(user, idea_id, True), voters
    ).errors


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
