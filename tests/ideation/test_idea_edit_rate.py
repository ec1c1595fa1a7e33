"""The rate limit on saving an idea's edits: each save notifies the author
when a co-author edits, so saving too often gets HTTP 429 with the typed text
kept in the form."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ideation import services
from ideation.models import Idea, Notification, NotificationKind

pytestmark = pytest.mark.django_db

EDIT_LIMIT_FOR_TESTS = {"idea_edit": (2, 60)}


@pytest.fixture
def coauthor_client(other_agent, idea):
    idea.coauthors.add(other_agent)
    client = Client()
    client.force_login(other_agent)
    return client


def save_edit(client, idea, title: str, description: str = ""):
    return client.post(
        reverse("ideation:edit", args=[idea.pk]),
        {"title": title, "description": description},
    )


def test_edits_within_limit_are_saved(settings, coauthor_client, agent, idea):
    settings.RATE_LIMITS = EDIT_LIMIT_FOR_TESTS

    responses = [save_edit(coauthor_client, idea, f"Titre {n}") for n in range(2)]

    assert [response.status_code for response in responses] == [302, 302]
    assert Idea.objects.get(pk=idea.pk).title == "Titre 1"
    edited = Notification.objects.filter(user=agent, kind=NotificationKind.EDITED)
    assert edited.count() == 2


def test_edit_over_limit_gets_429(settings, coauthor_client, agent, idea):
    settings.RATE_LIMITS = EDIT_LIMIT_FOR_TESTS
    for number in range(2):
        save_edit(coauthor_client, idea, f"Titre {number}")

    response = save_edit(
        coauthor_client, idea, "Titre de trop", "Un texte long à ne pas perdre"
    )

    body = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Vous avez enregistré des modifications trop souvent" in body
    assert 'value="Titre de trop"' in body
    assert "Un texte long à ne pas perdre" in body
    assert Idea.objects.get(pk=idea.pk).title == "Titre 1"
    edited = Notification.objects.filter(user=agent, kind=NotificationKind.EDITED)
    assert edited.count() == 2


def test_edit_over_limit_message_in_english(settings, coauthor_client, idea):
    settings.RATE_LIMITS = {"idea_edit": (0, 60)}

    with translation.override("en"):
        response = save_edit(coauthor_client, idea, "Too many")

    body = response.content.decode()
    assert response.status_code == 429
    assert escape("You have saved changes too often in a short time.") in body
    assert "save it again in" in body


def test_invalid_edit_does_not_count(settings, agent_client, agent, board):
    settings.RATE_LIMITS = {"idea_edit": (1, 60)}
    idea = services.post_idea(agent, board, "Titre", "")
    save_edit(agent_client, idea, "")

    response = save_edit(agent_client, idea, "Titre corrigé")

    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).title == "Titre corrigé"


def test_opening_edit_form_does_not_count(settings, agent_client, idea):
    settings.RATE_LIMITS = {"idea_edit": (1, 60)}
    for _number in range(3):
        agent_client.get(reverse("ideation:edit", args=[idea.pk]))

    response = save_edit(agent_client, idea, "Titre corrigé")

    assert response.status_code == 302
