"""The edit form of an idea outside the submission phase: refused on opening,
and a save rejected meanwhile keeps the typed text."""

from django.urls import reverse

from ideation import challenges, services
from ideation.models import Idea, Phase


def edit_url(idea):
    return reverse("ideation:edit", args=[idea.pk])


def test_edit_form_opens_during_submission(agent_client, agent, challenge):
    idea = services.post_idea(agent, challenge, "Titre", "")

    response = agent_client.get(edit_url(idea))

    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()


def test_edit_form_refused_during_voting(agent_client, agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Titre", "")
    challenges.set_phase(facilitator, challenge, Phase.VOTING)

    response = agent_client.get(edit_url(idea))

    body = response.content.decode()
    assert response.status_code == 400
    assert 'name="title"' not in body
    assert "phase de dépôt est terminée" in body


def test_save_after_phase_closed_keeps_text(
    agent_client, agent, facilitator, challenge
):
    idea = services.post_idea(agent, challenge, "Titre", "")
    opened = agent_client.get(edit_url(idea))
    challenges.set_phase(facilitator, challenge, Phase.VOTING)

    response = agent_client.post(
        edit_url(idea), {"title": "Titre retravaillé", "description": "Mon texte"}
    )

    body = response.content.decode()
    assert opened.status_code == 200
    assert response.status_code == 400
    assert 'value="Titre retravaillé"' in body
    assert "Mon texte" in body
    assert "phase de dépôt est terminée" in body
    assert Idea.objects.get(pk=idea.pk).title == "Titre"
