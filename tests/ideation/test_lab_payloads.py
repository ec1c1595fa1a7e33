"""Script and HTML payloads stay inert in pages, fragments, live messages and
e-mails: titles, descriptions, comments, tags and display names."""

import pytest
from django.core import mail
from django.urls import reverse

from ideation import comments, services
from tests.ideation.conftest import HTMX, make_user

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def villain(db):
    return make_user(PAYLOAD, "<b>Dupont</b>")


@pytest.fixture
def loaded_idea(villain, board):
    return services.post_idea(
        villain, board, f"Titre {PAYLOAD}", f"Texte {PAYLOAD}", tags=[PAYLOAD[:30]]
    )


def assert_inert(html: str):
    assert "<script>" not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_payloads_inert_in_board_page_and_fragment(agent_client, board, loaded_idea):
    page = agent_client.get(board.url).content.decode()
    fragment = agent_client.get(
        reverse("ideation:ideas", args=[board.pk]), **HTMX
    ).content.decode()

    assert "&lt;script&gt;" in page
    assert_inert(page)
    assert_inert(fragment)


def test_payloads_inert_in_idea_page_with_comment(agent_client, villain, loaded_idea):
    comments.post_comment(villain, loaded_idea.pk, f"Avis {PAYLOAD}")

    page = agent_client.get(reverse("ideation:idea", args=[loaded_idea.pk]))

    assert_inert(page.content.decode())


def test_payloads_inert_in_live_messages(
    villain, board, sent_messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.post_idea(villain, board, f"Titre {PAYLOAD}", PAYLOAD)
        comments.post_comment(villain, idea.pk, f"Avis {PAYLOAD}")

    assert len(sent_messages) == 2
    for _group, message in sent_messages:
        for html in message["html"].values():
            assert_inert(html)


def test_payloads_stay_plain_text_in_emails(
    agent, villain, idea, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comments.post_comment(villain, idea.pk, f"Avis {PAYLOAD}")

    message = mail.outbox[0]
    assert message.alternatives == []
    assert message.content_subtype == "plain"
    assert "&lt;" not in message.body
