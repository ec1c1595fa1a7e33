"""Challenges: audience, phases, facilitators, and the one permission module."""

import datetime
import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from ideation import challenges, permissions, services
from ideation.errors import IdeationError
from ideation.models import Idea, Phase
from ideation.search import search_ideas
from tests.ideation.conftest import HTMX, make_user


@pytest.fixture
def internal_idea(challenge, agent):
    return services.post_idea(
        agent, challenge, "Idée interne confidentielle", "Réservée aux agents."
    )


def test_partner_cannot_read_internal_challenge_page(partner_client, challenge):
    response = partner_client.get(challenge.url)

    assert response.status_code == 404


def test_partner_cannot_read_internal_challenge_fragment(
    partner_client, challenge, internal_idea
):
    url = reverse("ideation:ideas", args=[challenge.pk])

    response = partner_client.get(url, **HTMX)

    assert response.status_code == 404
    assert internal_idea.title not in response.content.decode()


def test_partner_cannot_read_internal_idea_page(partner_client, internal_idea):
    response = partner_client.get(reverse("ideation:idea", args=[internal_idea.pk]))

    assert response.status_code == 404


def test_partner_cannot_find_internal_idea_in_search(partner, internal_idea, agent):
    assert search_ideas(partner, "confidentielle", "fr") == []
    assert [idea.pk for idea in search_ideas(agent, "confidentielle", "fr")] == [
        internal_idea.pk
    ]


def test_partner_cannot_watch_internal_challenge_socket(partner, challenge, agent):
    """The consumer asks services.get_board_by_key_for before subscribing."""
    with pytest.raises(IdeationError) as error:
        services.get_board_by_key_for(partner, challenge.board_key)

    assert error.value.code == "board_not_found"
    assert not permissions.can_read_board_key(partner, challenge.board_key)
    assert permissions.can_read_board_key(agent, challenge.board_key)


def test_partner_cannot_export_internal_challenge(partner, challenge, internal_idea):
    challenge.facilitators.add(partner)
    client_url = reverse("ideation:export", args=[challenge.pk, "csv"])
    from django.test import Client

    client = Client()
    client.force_login(partner)

    response = client.get(client_url)

    assert response.status_code == 404


def test_partner_takes_part_in_partner_challenge(partner, partner_challenge):
    idea = services.post_idea(partner, partner_challenge, "Idée de partenaire", "")

    assert Idea.objects.filter(pk=idea.pk, author=partner).exists()


def test_partner_cannot_post_on_general_board(partner, board):
    with pytest.raises(IdeationError) as error:
        services.post_idea(partner, board, "Idée", "")

    assert error.value.code == "forbidden"


def test_facilitator_tools_only_on_own_challenges(facilitator, challenge, site_root):
    from tests.ideation.conftest import make_challenge

    other = make_challenge(site_root, facilitators=[make_user("Otto", "Autre")])

    assert permissions.is_facilitator(facilitator, challenge)
    assert not permissions.is_facilitator(facilitator, other)


def test_set_phase_refused_to_non_facilitator(agent, challenge):
    with pytest.raises(IdeationError) as error:
        challenges.set_phase(agent, challenge, Phase.VOTING)

    assert error.value.code == "facilitators_only"


def test_posting_outside_submission_phase_is_refused(agent, facilitator, challenge):
    challenges.set_phase(facilitator, challenge, Phase.VOTING)

    with pytest.raises(IdeationError) as error:
        services.post_idea(agent, challenge, "Trop tard", "")

    assert error.value.code == "board_closed"
    assert not Idea.objects.filter(title="Trop tard").exists()


def test_voting_after_voting_phase_is_refused(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Une idée", "")
    challenges.set_phase(facilitator, challenge, Phase.RESULTS)

    with pytest.raises(IdeationError) as error:
        services.set_vote(agent, idea.pk, True)

    assert error.value.code == "voting_closed"
    assert Idea.objects.get(pk=idea.pk).vote_count == 0


def test_vote_view_outside_phase_answers_400_with_message(
    agent_client, agent, facilitator, challenge
):
    idea = services.post_idea(agent, challenge, "Une idée", "")
    challenges.set_phase(facilitator, challenge, Phase.RESULTS)

    response = agent_client.post(
        reverse("ideation:vote", args=[idea.pk]), {"voted": "1"}, **HTMX
    )

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_hidden_counts_are_not_broadcast_nor_shown(  # noqa: PLR0917 - fixtures
    agent,
    other_agent,
    facilitator,
    challenge,
    sent_messages,
    agent_client,
    django_capture_on_commit_callbacks,
):
    challenges.set_switches(facilitator, challenge, hide_vote_counts=True)
    idea = services.post_idea(agent, challenge, "Idée secrète", "")
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.set_vote(other_agent, idea.pk, True)
    page = agent_client.get(challenge.url).content.decode()

    assert sent_messages == []
    assert f'id="idea-{idea.pk}-votes">1<' not in page


def test_phase_change_is_broadcast_with_banner(
    facilitator, challenge, sent_messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        challenges.set_phase(facilitator, challenge, Phase.VOTING)

    assert len(sent_messages) == 1
    message = sent_messages[0][1]
    assert message["type"] == "challenge.phase_changed"
    assert 'id="challenge-phase"' in message["html"]["fr"]
    assert 'data-posting="closed"' in message["html"]["fr"]


def test_phase_control_view_moves_phase(facilitator_client, challenge):
    url = reverse("ideation:phase", args=[challenge.pk])

    response = facilitator_client.post(url, {"phase": "voting", "minutes": "10"})

    assert response.status_code == 302
    rules = challenges.get_rules(challenge)
    assert rules.phase == Phase.VOTING
    assert rules.phase_ends_at is not None


def test_phase_control_page_uses_banner_names(facilitator_client, challenge):
    url = reverse("ideation:phase", args=[challenge.pk])

    body = facilitator_client.get(url).content.decode()

    options = re.findall(r"<option[^>]*>([^<]*)</option>", body)
    assert options == ["Dépôt des idées", "Vote", "Résultats"]
    assert "<h1>Changer de phase</h1>" in body
    assert "Phase de «" not in body


def test_phase_control_page_uses_site_fields(facilitator_client, challenge):
    url = reverse("ideation:phase", args=[challenge.pk])

    body = facilitator_client.get(url).content.decode()

    assert 'class="form-card stacked-form phase-control__form"' in body
    assert body.count('<div class="field">') == 2


def test_projection_refused_to_participants(agent_client, challenge):
    response = agent_client.get(reverse("ideation:projection", args=[challenge.pk]))

    assert response.status_code == 403


def test_projection_sends_anonymous_to_sign_in(anonymous_client, challenge):
    url = reverse("ideation:projection", args=[challenge.pk])

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert "next=" in response["Location"]


def test_projection_shows_ideas_to_facilitator(facilitator_client, challenge, agent):
    services.post_idea(agent, challenge, "Idée projetée", "")

    response = facilitator_client.get(
        reverse("ideation:projection", args=[challenge.pk])
    )

    assert response.status_code == 200
    assert "Idée projetée" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_countdown_first_paint_shows_time_left(agent_client, facilitator, challenge):
    ends_at = timezone.now() + datetime.timedelta(
        days=13, hours=23, minutes=54, seconds=30
    )
    challenges.set_phase(facilitator, challenge, Phase.VOTING, ends_at=ends_at)

    body = agent_client.get(challenge.url).content.decode()

    countdown = re.search(r"<time[^>]*data-countdown[^>]*>([^<]*)</time>", body)
    assert countdown is not None
    assert countdown.group(1) == "13\u202fj 23\u202fh 54\u202fmin"


def test_projection_without_site_frame(facilitator_client, challenge):
    response = facilitator_client.get(
        reverse("ideation:projection", args=[challenge.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' not in body
    assert 'class="site-footer"' not in body
    assert 'id="main-nav"' not in body
    assert 'id="board"' in body


def test_challenge_page_keeps_site_frame(agent_client, challenge):
    body = agent_client.get(challenge.url).content.decode()

    assert 'class="site-header"' in body
    assert 'class="site-footer"' in body


def test_challenge_page_renders_problem_and_phase(agent_client, challenge):
    response = agent_client.get(challenge.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert challenge.problem in body
    assert 'id="challenge-phase"' in body


def test_vote_answer_hides_count_while_counts_hidden(
    agent_client, agent, facilitator, challenge
):
    challenges.set_switches(facilitator, challenge, hide_vote_counts=True)
    idea = services.post_idea(facilitator, challenge, "Idée secrète", "")

    response = agent_client.post(
        reverse("ideation:vote", args=[idea.pk]), {"voted": "1"}, **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="idea-{idea.pk}-votes">1<' not in body
    assert "Votes\u202f: 1" not in body


def test_resync_keeps_hidden_counts_hidden(agent, other_agent, facilitator, challenge):
    from ideation.consumers import render_board_state

    challenges.set_switches(facilitator, challenge, hide_vote_counts=True)
    idea = services.post_idea(agent, challenge, "Idée au vote secret", "")
    services.set_vote(other_agent, idea.pk, True)

    # The undecorated function: the test runs in one thread and transaction.
    state = render_board_state.func(agent, challenge.board_key, "fr")

    assert "Idée au vote secret" in state
    assert f'id="idea-{idea.pk}-votes">1<' not in state


@pytest.fixture
def english_challenge(challenge):
    english, _created = Locale.objects.get_or_create(language_code="en")
    home = challenge.get_parent().specific
    if not home.has_translation(english):
        home.copy_for_translation(english).save_revision().publish()
    translation = challenge.copy_for_translation(english)
    translation.title = "Challenge: welcoming residents"
    translation.save_revision().publish()
    return translation


@pytest.mark.parametrize("view", ["ideation:phase", "ideation:projection"])
def test_facilitator_pages_show_english_title(
    facilitator_client, challenge, english_challenge, view
):
    with translation.override("en"):
        url = reverse(view, args=[challenge.pk])

    response = facilitator_client.get(url)

    assert url.startswith("/en/")
    assert response.status_code == 200
    assert "Challenge: welcoming residents" in response.content.decode()
    assert challenge.title not in response.content.decode()


def test_signed_out_staff_link_leads_to_sign_in(anonymous_client, challenge):
    response = anonymous_client.get(challenge.url)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert "next=" in response["Location"]
    assert "Défi" not in response.content.decode()


def test_signed_in_partner_still_gets_404(partner_client, challenge):
    assert partner_client.get(challenge.url).status_code == 404
