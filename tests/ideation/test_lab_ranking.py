"""The stored trending rank: the board's order, and the rank always equal to
its formula after votes, comments, moderation, merges and the migration."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideation import comments, merging, moderation, services
from ideation.models import Comment, Idea, Vote
from ideation.ranking import HOT_DECADE_HOURS, compute_hot_rank
from tests.ideation.conftest import make_user

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def voters(db):
    return [make_user(f"Votant{number}", "Test") for number in range(6)]


def post_at(author, board, title, hours_ago, *, votes=(), comment_count=0):
    """Post an idea dated ``hours_ago`` hours before NOW, with votes and comments."""
    idea = services.post_idea(author, board, title, "")
    for voter in votes:
        services.set_vote(voter, idea.pk, True)
    for number in range(comment_count):
        comments.post_comment(author, idea.pk, f"Commentaire {number}")
    created_at = NOW - datetime.timedelta(hours=hours_ago)
    Idea.objects.filter(pk=idea.pk).update(created_at=created_at)
    # The date moved, so the rank is computed again, as recount does.
    services.recount(idea.pk)
    return idea


def hot_order(board, agent):
    ideas = services.filter_and_sort(services.get_board_ideas_for(agent, board))
    return [idea.title for idea in ideas]


def expected_rank(idea: Idea) -> float:
    return compute_hot_rank(
        Vote.objects.filter(idea=idea).count(),
        Comment.objects.visible().filter(idea=idea).count(),
        idea.created_at,
    )


def assert_ranks_match_formula(idea_ids):
    for idea in Idea.objects.filter(pk__in=idea_ids):
        assert idea.hot_rank == pytest.approx(expected_rank(idea), abs=1e-6), idea.pk


def test_rank_of_new_idea_set_on_insert(agent, board):
    idea = services.post_idea(agent, board, "Idée", "")

    idea.refresh_from_db()
    assert idea.hot_rank == pytest.approx(compute_hot_rank(0, 0, idea.created_at))


def test_rank_set_by_bulk_create(agent, board):
    (idea,) = Idea.objects.bulk_create(
        [
            Idea(
                board_key=board.board_key,
                author=agent,
                title="Importée",
                language="fr",
                vote_count=4,
                comment_count=1,
            )
        ]
    )

    stored = Idea.objects.get(pk=idea.pk)
    assert stored.hot_rank == pytest.approx(compute_hot_rank(4, 1, stored.created_at))


def test_formula_trades_ten_times_support_for_a_decade_of_hours():
    created_at = NOW - datetime.timedelta(hours=HOT_DECADE_HOURS)

    older = compute_hot_rank(9, 0, created_at)
    newer = compute_hot_rank(0, 0, NOW)

    assert older == pytest.approx(newer)


def test_hot_newer_idea_first_with_same_support(agent, board, voters):
    post_at(agent, board, "Ancienne", 12, votes=voters[:3])
    post_at(agent, board, "Récente", 1, votes=voters[:3])

    assert hot_order(board, agent) == ["Récente", "Ancienne"]


def test_hot_older_idea_first_with_enough_support(agent, board, voters):
    # log10(6) ≈ 0.78 outweighs the 12 hours (0.5) of the newer idea.
    post_at(agent, board, "Ancienne", 12, votes=voters[:5])
    post_at(agent, board, "Récente", 0)

    assert hot_order(board, agent) == ["Ancienne", "Récente"]


def test_hot_newer_idea_first_without_enough_support(agent, board, voters):
    # log10(2) ≈ 0.30 does not make up for 12 hours (0.5).
    post_at(agent, board, "Ancienne", 12, votes=voters[:1])
    post_at(agent, board, "Récente", 0)

    assert hot_order(board, agent) == ["Récente", "Ancienne"]


def test_hot_day_old_idea_needs_ten_times_support(agent, board, voters):
    post_at(agent, board, "Veille, 6 votes", 25, votes=voters[:6])
    post_at(agent, board, "Nouvelle, 0 vote", 0)

    assert hot_order(board, agent) == ["Nouvelle, 0 vote", "Veille, 6 votes"]


def test_hot_comment_weighs_two_votes(agent, board, voters):
    post_at(agent, board, "Un vote", 2, votes=voters[:1])
    post_at(agent, board, "Un commentaire", 2, comment_count=1)
    post_at(agent, board, "Trois votes", 2, votes=voters[:3])

    assert hot_order(board, agent) == ["Trois votes", "Un commentaire", "Un vote"]


def test_hot_ties_go_to_the_later_idea(agent, board, voters):
    first = post_at(agent, board, "Première", 3, votes=voters[:2])
    second = post_at(agent, board, "Seconde", 3, votes=voters[:2])

    ranks = dict(
        Idea.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "hot_rank")
    )

    assert ranks[first.pk] == ranks[second.pk]
    assert hot_order(board, agent) == ["Seconde", "Première"]


def test_unknown_sort_falls_back_to_hot(agent, board, voters):
    post_at(agent, board, "Ancienne", 12, votes=voters[:5])
    post_at(agent, board, "Récente", 0)

    ideas = services.filter_and_sort(
        services.get_board_ideas_for(agent, board), sort="unknown"
    )

    assert [idea.title for idea in ideas] == ["Ancienne", "Récente"]


def test_merge_ranks_both_ideas_again(agent, facilitator, challenge, voters):
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(agent, challenge, "Idée B", "")
    for voter in voters[:2]:
        services.set_vote(voter, target.pk, True)
    for voter in voters[1:4]:
        services.set_vote(voter, source.pk, True)

    merging.merge_ideas(facilitator, source.pk, target.pk)

    assert_ranks_match_formula([target.pk, source.pk])


def test_edit_keeps_counts_changed_meanwhile(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Idée", "")
    stale = Idea.objects.get(pk=idea.pk)
    services.set_vote(other_agent, idea.pk, True)

    services.edit_idea(agent, stale.pk, "Idée reformulée", "Plus clair.")

    idea.refresh_from_db()
    assert idea.vote_count == 1
    assert_ranks_match_formula([idea.pk])


def test_migration_fills_rank(agent, board, voters):
    idea = post_at(agent, board, "Avant la migration", 5, votes=voters[:2])
    Idea.objects.filter(pk=idea.pk).update(hot_rank=0.0)
    migration = importlib.import_module("ideation.migrations.0003_idea_hot_rank")

    migration.fill_hot_rank(apps, None)

    assert_ranks_match_formula([idea.pk])


# One step: (action, person, idea). Actions: 0 vote, 1 withdraw the vote,
# 2 comment, 3 delete one's last comment, 4 hide the idea's last visible
# comment, 5 restore the idea's last hidden comment.
STEPS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 2), st.integers(0, 1)),
    max_size=25,
)


def apply_step(step, ideas, people, facilitator) -> None:
    action, person_index, idea_index = step
    person, idea = people[person_index], ideas[idea_index]
    visible = Comment.objects.visible().filter(idea=idea).order_by("-pk")
    if action in (0, 1):
        services.set_vote(person, idea.pk, action == 0)
    elif action == 2:
        comments.post_comment(person, idea.pk, "Bonne idée")
    elif action == 3:
        own = visible.filter(author=person).first()
        if own is not None:
            comments.delete_comment(person, own.pk)
    elif action == 4:
        last = visible.first()
        if last is not None:
            moderation.hide_comment(facilitator, last.pk)
    else:
        hidden = Comment.objects.filter(idea=idea, is_hidden=True).last()
        if hidden is not None:
            moderation.restore_comment(facilitator, hidden.pk)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_rank_equals_formula_after_random_steps(
    steps, agent, facilitator, challenge, voters
):
    ideas = [
        services.post_idea(agent, challenge, f"Idée {number}", "")
        for number in range(2)
    ]
    try:
        for step in steps:
            apply_step(step, ideas, voters[:3], facilitator)

        assert_ranks_match_formula([idea.pk for idea in ideas])
        for idea in Idea.objects.filter(pk__in=[idea.pk for idea in ideas]):
            assert idea.vote_count == Vote.objects.filter(idea=idea).count()
            visible = Comment.objects.visible().filter(idea=idea).count()
            assert idea.comment_count == visible
    finally:
        Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).delete()
