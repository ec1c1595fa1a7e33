"""Merging duplicates, and stored counts that always equal a recount."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideation import comments, merging, notifications, services
from ideation.errors import IdeationError
from ideation.models import Comment, Follow, Idea, Vote
from tests.concurrency import call_at_once, requires_postgresql
from tests.ideation.conftest import make_user


@pytest.fixture
def voters(db):
    return [make_user(f"Votant{number}", "Test") for number in range(4)]


def test_merge_keeps_union_of_voters(agent, facilitator, challenge, voters):
    first, second, both, _other = voters
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(agent, challenge, "Idée B, doublon", "")
    for user in (first, both):
        services.set_vote(user, target.pk, True)
    for user in (second, both):
        services.set_vote(user, source.pk, True)

    merging.merge_ideas(facilitator, source.pk, target.pk)

    target.refresh_from_db()
    source.refresh_from_db()
    voter_ids = set(Vote.objects.filter(idea=target).values_list("user_id", flat=True))
    assert voter_ids == {first.pk, second.pk, both.pk}
    assert target.vote_count == 3
    assert source.vote_count == 0
    assert source.merged_into_id == target.pk
    assert source.status.kind == "merged"


def test_merge_moves_followers_once(agent, other_agent, facilitator, challenge):
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(other_agent, challenge, "Idée B", "")
    notifications.follow(other_agent, target)

    merging.merge_ideas(facilitator, source.pk, target.pk)

    assert Follow.objects.filter(idea=target, user=other_agent).count() == 1
    assert Follow.objects.filter(idea=target, user=agent).count() == 1


def test_merge_refused_across_boards(agent, facilitator, challenge, partner_challenge):
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(agent, partner_challenge, "Idée B", "")

    with pytest.raises(IdeationError) as error:
        merging.merge_ideas(facilitator, source.pk, target.pk)

    assert error.value.code == "merge_invalid"
    assert Idea.objects.get(pk=source.pk).merged_into_id is None


def test_merged_idea_leaves_board_and_takes_no_votes(
    agent, other_agent, facilitator, challenge
):
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(agent, challenge, "Idée B", "")
    merging.merge_ideas(facilitator, source.pk, target.pk)

    listed = services.get_board_ideas_for(agent, challenge)

    assert source.pk not in [idea.pk for idea in listed]
    with pytest.raises(IdeationError) as error:
        services.set_vote(other_agent, source.pk, True)
    assert error.value.code == "idea_closed"


def test_merge_view_refused_to_participant(agent_client, agent, challenge):
    target = services.post_idea(agent, challenge, "Idée A", "")
    source = services.post_idea(agent, challenge, "Idée B", "")

    response = agent_client.post(
        reverse("ideation:merge", args=[source.pk]), {"target": target.pk}
    )

    assert response.status_code == 403
    assert Idea.objects.get(pk=source.pk).merged_into_id is None


def merge_choices(response) -> dict[str, list[int]]:
    """Return the merge form's options, by group label."""
    field = response.context["merge_form"]["target"].field
    return {
        str(label): [int(value) for value, _text in options]
        for label, options in field.choices
        if isinstance(options, list)
    }


def test_merge_form_lists_board_ideas(
    facilitator_client, agent, facilitator, challenge, board
):
    source = services.post_idea(agent, challenge, "Covoiturage entre les sites", "")
    similar = services.post_idea(agent, challenge, "Covoiturage du matin", "")
    other = services.post_idea(agent, challenge, "Bibliothèque d'outils", "")
    hidden = services.post_idea(agent, challenge, "Covoiturage masqué", "")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    merged = services.post_idea(agent, challenge, "Covoiturage fusionné", "")
    merging.merge_ideas(facilitator, merged.pk, other.pk)
    elsewhere = services.post_idea(agent, board, "Covoiturage ailleurs", "")

    response = facilitator_client.get(reverse("ideation:idea", args=[source.pk]))

    choices = merge_choices(response)
    assert choices == {
        "Titres proches": [similar.pk],
        "Autres idées du tableau": [other.pk],
    }
    offered = [pk for group in choices.values() for pk in group]
    for absent in (source, hidden, merged, elsewhere):
        assert absent.pk not in offered
    body = response.content.decode()
    assert f"n°\u00a0{similar.pk}\u00a0: Covoiturage du matin" in body


def test_merge_form_absent_without_candidates(facilitator_client, agent, challenge):
    alone = services.post_idea(agent, challenge, "Seule idée du défi", "")

    response = facilitator_client.get(reverse("ideation:idea", args=[alone.pk]))

    body = response.content.decode()
    assert reverse("ideation:merge", args=[alone.pk]) not in body
    assert "Aucune autre idée publiée sur ce tableau" in body


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "Choisissez l’idée dans laquelle fusionner celle-ci."),
        ("hidden", "Cette idée ne peut plus être choisie"),
        ("elsewhere", "Cette idée ne peut plus être choisie"),
        ("999999", "Cette idée ne peut plus être choisie"),
    ],
)
def test_merge_into_unlisted_idea_rejected(  # noqa: PLR0913, PLR0917
    facilitator_client, agent, challenge, board, target, message
):
    source = services.post_idea(agent, challenge, "Idée à fusionner", "")
    hidden = services.post_idea(agent, challenge, "Idée masquée", "")
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    elsewhere = services.post_idea(agent, board, "Idée d'un autre tableau", "")
    services.post_idea(agent, challenge, "Idée disponible", "")
    value = {"hidden": hidden.pk, "elsewhere": elsewhere.pk}.get(target, target)

    response = facilitator_client.post(
        reverse("ideation:merge", args=[source.pk]), {"target": value}, follow=True
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("ideation:idea", args=[source.pk])
    assert message in body
    assert Idea.objects.get(pk=source.pk).merged_into_id is None


def assert_counts_match_recount(idea_ids):
    for idea in Idea.objects.filter(pk__in=idea_ids):
        assert idea.vote_count == Vote.objects.filter(idea=idea).count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 1), st.booleans()),
        max_size=30,
    )
)
def test_stored_counts_equal_recount_after_random_votes(steps, agent, board, voters):
    ideas = [
        services.post_idea(agent, board, f"Idée {number}", "") for number in range(2)
    ]
    try:
        for voter_index, idea_index, voted in steps:
            services.set_vote(voters[voter_index], ideas[idea_index].pk, voted)

        assert_counts_match_recount([idea.pk for idea in ideas])
    finally:
        Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).delete()


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_person_voting_thirty_times_from_two_sessions(idea, other_agent):
    """30 toggles at once from two signed-in sessions: one vote, no error."""
    sessions = [Client(), Client()]
    for client in sessions:
        client.force_login(other_agent)
    url = reverse("ideation:vote", args=[idea.pk])

    responses, errors = call_at_once(
        lambda number: sessions[number % 2].post(url, {"voted": "1"}), range(30)
    )

    idea.refresh_from_db()
    statuses = [response.status_code for response in responses]
    assert errors == []
    assert len(statuses) == 30
    assert all(status < 500 for status in statuses)
    assert Vote.objects.filter(idea=idea, user=other_agent).count() == 1
    assert idea.vote_count == 1


def test_merged_idea_takes_no_comment(facilitator, agent, agent_client, challenge):
    target = services.post_idea(agent, challenge, "Idée gardée", "")
    source = services.post_idea(agent, challenge, "Idée en double", "")
    merging.merge_ideas(facilitator, source.pk, target.pk)

    page = agent_client.get(reverse("ideation:idea", args=[source.pk])).content.decode()
    with pytest.raises(IdeationError) as error:
        comments.post_comment(agent, source.pk, "Un avis trop tard")

    assert 'id="comment-form"' not in page
    assert "Les commentaires se poursuivent" in page
    assert error.value.code == "idea_merged"
    assert not Comment.objects.filter(idea=source).exists()
