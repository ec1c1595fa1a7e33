"""Ideas: formatting, tags, attachments, edits with history, team, similar
ideas, sorting and filters, rate limits and oversized text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from ideation import challenges, services, teams
from ideation.errors import IdeationError
from ideation.models import Idea, IdeaCategory, IdeaRevision, Phase
from tests.ideation.conftest import HTMX


def ideas_url(board):
    return reverse("ideation:ideas", args=[board.pk])


def test_description_keeps_light_formatting_and_drops_the_rest(agent, board):
    idea = services.post_idea(
        agent,
        board,
        "Idée",
        '<b>Important</b> <a href="javascript:alert(1)">lien</a>'
        "<img src=x onerror=alert(1)>\n<script>alert(2)</script>",
    )

    assert "<b>Important</b>" in idea.description_html
    assert "javascript:" not in idea.description_html
    assert "<img" not in idea.description_html
    assert "<script" not in idea.description_html


def test_post_with_category_tags_and_image(agent_client, board):
    category = IdeaCategory.objects.create(name="Numérique", name_en="Digital")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    image = SimpleUploadedFile("plan.png", buffer.getvalue(), content_type="image/png")

    response = agent_client.post(
        ideas_url(board),
        {
            "title": "Un robot d’accueil",
            "description": "",
            "category": category.pk,
            "tags": "Accueil, robot, accueil",
            "attachment": image,
        },
    )

    idea = Idea.objects.get(title="Un robot d’accueil")
    assert response.status_code == 302
    assert idea.category == category
    assert sorted(idea.tags.names()) == ["accueil", "robot"]
    assert idea.attachment.name.endswith(".png")


def test_post_rejects_executable_attachment(agent_client, board):
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/x")

    response = agent_client.post(
        ideas_url(board), {"title": "Idée", "attachment": upload}, **HTMX
    )

    assert response.status_code == 400
    assert not Idea.objects.exists()


def test_post_rejects_oversized_description_with_message(agent_client, board):
    response = agent_client.post(
        ideas_url(board), {"title": "Idée", "description": "x" * 6000}, **HTMX
    )

    assert response.status_code == 400
    assert "5000" in response.content.decode()
    assert not Idea.objects.exists()


@override_settings(RATE_LIMITS={"idea_post": (2, 60)})
def test_posting_too_fast_gets_429_and_changes_nothing(agent_client, board):
    for number in range(2):
        agent_client.post(ideas_url(board), {"title": f"Idée {number}"})

    response = agent_client.post(ideas_url(board), {"title": "Une de trop"}, **HTMX)

    assert response.status_code == 429
    assert response.content.decode().strip() != ""
    assert not Idea.objects.filter(title="Une de trop").exists()


@override_settings(RATE_LIMITS={"idea_vote": (1, 60)})
def test_voting_too_fast_gets_429(agent_client, other_agent, board):
    idea = services.post_idea(other_agent, board, "Idée", "")
    url = reverse("ideation:vote", args=[idea.pk])
    agent_client.post(url, {"voted": "1"})

    response = agent_client.post(url, {"voted": "0"}, **HTMX)

    assert response.status_code == 429
    assert Idea.objects.get(pk=idea.pk).vote_count == 1


def test_author_edit_keeps_history(agent, board):
    idea = services.post_idea(agent, board, "Premier titre", "Premier texte")

    services.edit_idea(agent, idea.pk, "Nouveau titre", "Nouveau texte")

    idea.refresh_from_db()
    revision = IdeaRevision.objects.get(idea=idea)
    assert idea.title == "Nouveau titre"
    assert revision.title == "Premier titre"
    assert idea.updated_at is not None


def test_other_person_cannot_edit(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Titre", "")

    with pytest.raises(IdeationError) as error:
        services.edit_idea(other_agent, idea.pk, "Piraté", "")

    assert error.value.code == "not_author"


def test_edit_refused_after_submission(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Titre", "")
    challenges.set_phase(facilitator, challenge, Phase.VOTING)

    with pytest.raises(IdeationError) as error:
        services.edit_idea(agent, idea.pk, "Changé", "")

    assert error.value.code == "editing_closed"


def test_coauthor_joins_team_and_may_edit(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Titre", "")

    team_request = teams.request_to_join(other_agent, idea.pk)
    teams.answer_request(agent, idea.pk, team_request.pk, accept=True)
    services.edit_idea(other_agent, idea.pk, "Titre commun", "")

    assert list(idea.coauthors.all()) == [other_agent]
    assert Idea.objects.get(pk=idea.pk).title == "Titre commun"


def test_similar_ideas_are_suggested_while_typing(agent_client, agent, board):
    services.post_idea(agent, board, "Imprimante 3D au fablab", "")
    services.post_idea(agent, board, "Jardin partagé", "")
    url = reverse("ideation:similar", args=[board.pk])

    response = agent_client.get(url, {"title": "une imprimante"}, **HTMX)

    body = response.content.decode()
    assert "Imprimante 3D au fablab" in body
    assert "Jardin partagé" not in body
    assert "HX-Request" in response["Vary"]


def test_sorting_top_and_discussed(agent, other_agent, board):
    quiet = services.post_idea(agent, board, "Discrète", "")
    popular = services.post_idea(agent, board, "Populaire", "")
    services.set_vote(other_agent, popular.pk, True)
    from ideation import comments

    comments.post_comment(other_agent, quiet.pk, "Intéressant")
    ideas = services.get_board_ideas_for(agent, board)

    top = services.filter_and_sort(ideas, sort="top")
    discussed = services.filter_and_sort(ideas, sort="discussed")

    assert top[0].pk == popular.pk
    assert discussed[0].pk == quiet.pk


def test_vote_raises_hot_rank(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Idée", "")
    before = Idea.objects.get(pk=idea.pk).hot_rank

    services.set_vote(other_agent, idea.pk, True)

    assert Idea.objects.get(pk=idea.pk).hot_rank > before


def test_filter_by_tag_and_status(agent_client, agent, board):
    tagged = services.post_idea(agent, board, "Avec étiquette", "", tags=["vélo"])
    services.post_idea(agent, board, "Sans étiquette", "")

    response = agent_client.get(ideas_url(board), {"tag": "vélo"}, **HTMX)

    body = response.content.decode()
    assert tagged.title in body
    assert "Sans étiquette" not in body
    assert "HX-Request" in response["Vary"]


def test_vote_button_has_name_and_pressed_state(agent_client, agent, board):
    idea = services.post_idea(agent, board, "Idée", "")
    services.set_vote(agent, idea.pk, True)

    body = agent_client.get(board.url).content.decode()

    assert 'aria-pressed="true"' in body
    assert '<span class="visually-hidden"> l’idée' in body
