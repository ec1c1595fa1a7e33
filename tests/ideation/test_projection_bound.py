"""The projection screen shows the newest ideas (the most supported in the
results phase) up to a maximum and counts the others, in the page and in
the fragment that board.js refetches."""

import re

import pytest
from django.urls import reverse

from ideation import challenges, facilitator_views, moderation, services
from ideation.models import Phase
from tests.ideation.conftest import HTMX, make_user

MAX_IDEAS = 3


@pytest.fixture(autouse=True)
def small_projection(monkeypatch):
    monkeypatch.setattr(facilitator_views, "PROJECTION_MAX_IDEAS", MAX_IDEAS)


def projection_url(challenge):
    return reverse("ideation:projection", args=[challenge.pk])


def post_ideas(agent, challenge, count):
    """Post ``count`` ideas and return them newest first, the screen's order."""
    ideas = [
        services.post_idea(agent, challenge, f"Idée {number}", "")
        for number in range(count)
    ]
    return list(reversed(ideas))


def card_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="idea-(\d+)"', body)]


def hidden_count(body: str) -> re.Match:
    """Return the match of ``#idea-list-hidden``: groups 1 to 3 are its
    data-count, its attributes after it, and the count shown."""
    match = re.search(
        r'<p id="idea-list-hidden"[^>]* data-count="(\d+)"([^>]*)>'
        r'.*?<span class="projection__hidden-count">(\d+)</span>',
        body,
        re.DOTALL,
    )
    assert match, "no #idea-list-hidden"
    return match


def test_projection_shows_newest_ideas_only(facilitator_client, challenge, agent):
    ideas = post_ideas(agent, challenge, MAX_IDEAS + 2)

    response = facilitator_client.get(projection_url(challenge))

    body = response.content.decode()
    assert card_ids(body) == [idea.pk for idea in ideas[:MAX_IDEAS]]
    assert f'data-max-ideas="{MAX_IDEAS}"' in body


def test_projection_counts_ideas_not_shown(facilitator_client, challenge, agent):
    post_ideas(agent, challenge, MAX_IDEAS + 2)

    response = facilitator_client.get(projection_url(challenge))

    match = hidden_count(response.content.decode())
    assert match.group(1) == "2"
    assert match.group(3) == "2"
    assert "hidden" not in match.group(2)


def test_projection_hides_count_when_all_shown(facilitator_client, challenge, agent):
    post_ideas(agent, challenge, MAX_IDEAS)

    response = facilitator_client.get(projection_url(challenge))

    match = hidden_count(response.content.decode())
    assert match.group(1) == "0"
    assert "hidden" in match.group(2)


def test_projection_fragment_keeps_bound(facilitator_client, challenge, agent):
    """board.js refetches this fragment after a gap or a removed idea: the
    count of hidden ideas must come with it, inside ``#idea-list``."""
    ideas = post_ideas(agent, challenge, MAX_IDEAS + 1)

    response = facilitator_client.get(projection_url(challenge), **HTMX)

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="idea-list"')
    assert card_ids(body) == [idea.pk for idea in ideas[:MAX_IDEAS]]
    assert hidden_count(body).group(1) == "1"


def test_projection_count_leaves_out_hidden_ideas(
    facilitator_client, facilitator, challenge, agent
):
    ideas = post_ideas(agent, challenge, MAX_IDEAS + 2)
    moderation.hide_idea(facilitator, ideas[-1].pk)

    response = facilitator_client.get(projection_url(challenge))

    assert hidden_count(response.content.decode()).group(1) == "1"


def test_projection_results_show_most_supported(
    facilitator_client, facilitator, challenge, agent
):
    ideas = post_ideas(agent, challenge, MAX_IDEAS + 2)
    oldest, second_oldest = ideas[-1], ideas[-2]
    voters = [make_user("Votant", str(number)) for number in range(2)]
    for voter in voters:
        services.set_vote(voter, oldest.pk, True)
    services.set_vote(voters[0], second_oldest.pk, True)

    challenges.set_phase(facilitator, challenge, Phase.RESULTS)
    response = facilitator_client.get(projection_url(challenge))

    shown = card_ids(response.content.decode())
    assert shown[:2] == [oldest.pk, second_oldest.pk]
    assert len(shown) == MAX_IDEAS


def test_projection_keeps_newest_while_voting(
    facilitator_client, facilitator, challenge, agent
):
    ideas = post_ideas(agent, challenge, MAX_IDEAS + 1)
    services.set_vote(make_user("Votant", "Seul"), ideas[-1].pk, True)

    challenges.set_phase(facilitator, challenge, Phase.VOTING)
    response = facilitator_client.get(projection_url(challenge))

    assert card_ids(response.content.decode()) == [
        idea.pk for idea in ideas[:MAX_IDEAS]
    ]
