"""The vote's UPDATE statement is compiled once and reused for every idea."""

from django.db import connection

from ideation import services
from ideation.models import Idea


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
