"""The vote's UPDATE statement is compiled once and reused for every idea."""

from django.db import connection, transaction
from django.utils import timezone

from ideation import services
from ideation.models import Idea, Vote


def test_statement_reused_across_ideas(agent, other_agent, board):
    services._vote_count_statements.clear()
    first = services.post_idea(agent, board, "Première idée", "")
    second = services.post_idea(agent, board, "Seconde idée", "")

    services.set_vote(other_agent, first.pk, True)
    services.set_vote(other_agent, second.pk, True)
    services.set_vote(agent, second.pk, True)
    services.set_vote(other_agent, second.pk, False)

    assert set(services._vote_count_statements) == {
        (connection.alias, 1),
        (connection.alias, -1),
    }
    assert Idea.objects.get(pk=first.pk).vote_count == 1
    assert Idea.objects.get(pk=second.pk).vote_count == 1


def test_missing_idea_updates_nothing(db):
    assert services._move_vote_count(-1, 1) is None


def test_vote_insert_stores_row_once(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Idée à soutenir", "")
    before = timezone.now()

    first = services._insert_vote(idea.pk, other_agent.pk)
    second = services._insert_vote(idea.pk, other_agent.pk)

    assert first is True
    assert second is False
    vote = Vote.objects.get(idea=idea, user=other_agent)
    assert Vote.objects.filter(idea=idea).count() == 1
    assert vote.created_at.tzinfo is not None
    assert before <= vote.created_at <= timezone.now()


def test_duplicate_vote_keeps_transaction_usable(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Idée en double", "")
    services.set_vote(other_agent, idea.pk, True)

    with transaction.atomic():
        result = services.set_vote(other_agent, idea.pk, True)
        # A failed INSERT would have aborted the transaction on PostgreSQL.
        assert Idea.objects.get(pk=idea.pk).vote_count == 1

    assert result.changed is False
    assert result.vote_count == 1
