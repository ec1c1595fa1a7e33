"""The facilitators' list of hidden comments on an idea's page, fetched again
after live messages that never carry the hidden text."""

import pytest
from django.urls import reverse

from ideation import comments, moderation, services
from tests.ideation.conftest import HTMX

HIDDEN_TEXT = "Propos hors charte zanzibar"


@pytest.fixture
def idea_on_challenge(agent, challenge):
    return services.post_idea(agent, challenge, "Idée commentée", "")


@pytest.fixture
def hidden_comment(other_agent, facilitator, idea_on_challenge):
    comment = comments.post_comment(other_agent, idea_on_challenge.pk, HIDDEN_TEXT)
    moderation.hide_comment(facilitator, comment.pk)
    return comment


def hidden_comments_url(idea) -> str:
    return reverse("ideation:idea", args=[idea.pk]) + "?part=hidden-comments"


def test_hidden_list_fragment_for_facilitator(
    facilitator_client, idea_on_challenge, hidden_comment
):
    response = facilitator_client.get(hidden_comments_url(idea_on_challenge), **HTMX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="hidden-comments"')
    assert HIDDEN_TEXT in body
    assert reverse("ideation:comment_restore", args=[hidden_comment.pk]) in body
    assert response["Vary"].count("HX-Request") == 1


def test_hidden_list_fragment_refused_to_others(
    agent_client, anonymous_client, idea_on_challenge, hidden_comment
):
    url = hidden_comments_url(idea_on_challenge)

    agent_response = agent_client.get(url, **HTMX)
    anonymous_response = anonymous_client.get(url, **HTMX)

    assert agent_response.status_code == 404
    assert HIDDEN_TEXT not in agent_response.content.decode()
    assert anonymous_response.status_code == 404


def test_restored_comment_leaves_fragment(
    facilitator, facilitator_client, idea_on_challenge, hidden_comment
):
    moderation.restore_comment(facilitator, hidden_comment.pk)

    body = facilitator_client.get(
        hidden_comments_url(idea_on_challenge), **HTMX
    ).content.decode()

    assert HIDDEN_TEXT not in body
    assert 'id="hidden-comments"' in body
    assert " hidden>" in body


def test_empty_hidden_list_on_facilitator_page(facilitator_client, idea_on_challenge):
    body = facilitator_client.get(
        reverse("ideation:idea", args=[idea_on_challenge.pk])
    ).content.decode()

    assert 'id="hidden-comments"' in body
    assert f'data-url="{hidden_comments_url(idea_on_challenge)}" hidden' in body


def test_no_hidden_list_for_participant(
    agent_client, idea_on_challenge, hidden_comment
):
    body = agent_client.get(
        reverse("ideation:idea", args=[idea_on_challenge.pk])
    ).content.decode()

    assert 'id="hidden-comments"' not in body
    assert HIDDEN_TEXT not in body


def test_hiding_message_omits_text(  # noqa: PLR0917 - fixtures
    other_agent,
    facilitator,
    idea_on_challenge,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    comment = comments.post_comment(other_agent, idea_on_challenge.pk, HIDDEN_TEXT)
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_comment(facilitator, comment.pk)
        moderation.restore_comment(facilitator, comment.pk)

    board_messages = [
        message
        for group, message in sent_messages
        if group.startswith("ideation.board.")
    ]
    assert [message["type"] for message in board_messages] == [
        "comment.removed",
        "comment.restored",
    ]
    for message in board_messages:
        for html in message["html"].values():
            assert HIDDEN_TEXT not in html


def test_comment_section_carries_phase_notices(agent_client, idea_on_challenge):
    body = agent_client.get(
        reverse("ideation:idea", args=[idea_on_challenge.pk])
    ).content.decode()

    assert 'id="comment-section"' in body
    assert 'data-can-take-part="true"' in body
    assert "data-draft-notice=" in body
    assert "js/board-phase.js" in body
