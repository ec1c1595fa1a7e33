"""Details of an idea's page: the empty comment list and the report link."""

import re

import pytest
from django.urls import reverse

from ideation import comments


def idea_page(client, idea) -> str:
    response = client.get(reverse("ideation:idea", args=[idea.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_empty_comment_list_has_no_whitespace(agent_client, idea):
    body = idea_page(agent_client, idea)

    assert re.search(rf'id="idea-{idea.pk}-comments"[^>]*></div>', body)
    assert "comments__empty" in body


@pytest.mark.django_db
def test_comment_fills_the_list(agent, agent_client, idea):
    comments.post_comment(agent, idea.pk, "Premier avis")

    body = idea_page(agent_client, idea)

    assert not re.search(rf'id="idea-{idea.pk}-comments"[^>]*></div>', body)
    assert "Premier avis" in body


@pytest.mark.django_db
def test_author_gets_no_report_link(agent_client, idea):
    body = idea_page(agent_client, idea)

    assert reverse("ideation:flag", args=[idea.pk]) not in body


@pytest.mark.django_db
def test_other_reader_gets_report_link(other_agent, idea):
    from django.test import Client

    client = Client()
    client.force_login(other_agent)

    body = idea_page(client, idea)

    assert reverse("ideation:flag", args=[idea.pk]) in body
