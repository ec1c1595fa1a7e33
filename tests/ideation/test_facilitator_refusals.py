"""The 403 responses of facilitator pages to people who do not facilitate the board."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ideation import merging, services
from ideation.errors import IdeationError
from tests.ideation.conftest import HTMX, make_challenge, make_user

pytestmark = pytest.mark.django_db

FACILITATORS_ONLY = "Only the facilitators of this board can do this."
HISTORY_RESTORE = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


def translated(message_id: str, language: str) -> str:
    """Return ``message_id`` in ``language``, escaped as a template shows it."""
    with translation.override(language):
        return escape(translation.gettext(message_id))


def facilitator_page_urls(challenge) -> dict[str, str]:
    return {
        "moderation": reverse("ideation:moderation"),
        "phase": reverse("ideation:phase", args=[challenge.pk]),
        "projection": reverse("ideation:projection", args=[challenge.pk]),
        "export": reverse("ideation:export", args=[challenge.pk, "csv"]),
    }


@pytest.mark.parametrize("page", ["moderation", "phase", "projection", "export"])
def test_facilitator_page_refusal_is_site_page(agent_client, challenge, page):
    url = facilitator_page_urls(challenge)[page]

    response = agent_client.get(url)

    body = response.content.decode()
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert '<header class="site-header">' in body
    assert 'id="main-nav"' in body
    assert "<h1>Accès refusé</h1>" in body
    assert translated(FACILITATORS_ONLY, "fr") in body


def test_facilitator_refusal_in_english(agent_client, challenge):
    # The request activates English in this thread, so the override also
    # puts French back for the tests that follow.
    with translation.override("en"):
        url = reverse("ideation:phase", args=[challenge.pk])
        response = agent_client.get(url)

    body = response.content.decode()
    assert url.startswith("/en/")
    assert response.status_code == 403
    assert "<h1>Access refused</h1>" in body
    assert FACILITATORS_ONLY in body


def test_facilitator_action_refusal_is_site_page(agent_client, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée à garder", "")

    response = agent_client.post(reverse("ideation:idea_hide", args=[idea.pk]))

    body = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in body
    assert translated(FACILITATORS_ONLY, "fr") in body


def test_facilitator_refusal_to_htmx_is_fragment(agent_client, challenge):
    url = reverse("ideation:projection", args=[challenge.pk])

    response = agent_client.get(url, **HTMX)

    body = response.content.decode().strip()
    assert response.status_code == 403
    assert body == (
        '<p class="message message--error" role="alert">'
        f"{translated(FACILITATORS_ONLY, 'fr')}</p>"
    )
    assert "HX-Request" in response["Vary"]


def test_facilitator_action_refusal_to_htmx_is_fragment(agent_client, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée à garder", "")

    response = agent_client.post(reverse("ideation:idea_hide", args=[idea.pk]), **HTMX)

    body = response.content.decode()
    assert response.status_code == 403
    assert 'role="alert"' in body
    assert "site-header" not in body
    assert translated(FACILITATORS_ONLY, "fr") in body


def test_facilitator_refusal_to_history_restore_is_page(agent_client, challenge):
    url = reverse("ideation:projection", args=[challenge.pk])

    response = agent_client.get(url, **HISTORY_RESTORE)

    body = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in body
    assert translated(FACILITATORS_ONLY, "fr") in body


def test_facilitator_of_other_board_is_refused(facilitator_client, site_root):
    other_challenge = make_challenge(
        site_root, facilitators=[make_user("Gaël", "Autre")], title="Défi voisin"
    )

    response = facilitator_client.get(
        reverse("ideation:phase", args=[other_challenge.pk])
    )

    assert response.status_code == 403
    assert translated(FACILITATORS_ONLY, "fr") in response.content.decode()


def post_refused_merge(client, monkeypatch, board, idea, referer: str):  # noqa: PLR0913, PLR0917
    """Post a valid merge of ``idea`` that the service rejects with status
    400, as when the other idea was merged in the meantime."""
    target = services.post_idea(idea.author, board, "Autre idée", "")

    def reject(*args):
        raise IdeationError("merge_invalid")

    monkeypatch.setattr(merging, "merge_ideas", reject)
    return client.post(
        reverse("ideation:merge", args=[idea.pk]),
        {"target": target.pk},
        HTTP_REFERER=referer,
    )


@pytest.mark.parametrize(
    "referer",
    [
        "https://attacker.example/phishing",
        "//attacker.example/phishing",
        "javascript:alert(1)",
        "",
    ],
)
def test_rejected_action_ignores_foreign_referer(
    facilitator_client, monkeypatch, facilitator, challenge, referer
):
    idea = services.post_idea(facilitator, challenge, "Idée à fusionner", "")

    response = post_refused_merge(
        facilitator_client, monkeypatch, challenge, idea, referer
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("ideation:idea", args=[idea.pk])


def test_rejected_action_follows_same_site_referer(
    facilitator_client, monkeypatch, facilitator, challenge
):
    idea = services.post_idea(facilitator, challenge, "Idée à fusionner", "")
    referer = f"http://testserver{reverse('ideation:moderation')}"

    response = post_refused_merge(
        facilitator_client, monkeypatch, challenge, idea, referer
    )

    assert response.status_code == 302
    assert response["Location"] == referer
