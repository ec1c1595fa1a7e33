"""What a board page exposes to assistive technologies: named landmarks,
vote buttons marked unavailable to people who cannot vote, and statuses
heard apart from the authors' names."""

import re

import pytest

SEARCH_FORM = re.compile(r"<form\b[^>]*\brole=\"search\"[^>]*>")
LABEL = re.compile(r'aria-label="([^"]+)"')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_landmarks_have_unique_names(
    agent_client, board, english_board, language
):
    page = english_board if language == "en" else board

    body = agent_client.get(page.url).content.decode()

    forms = SEARCH_FORM.findall(body)
    labels = [LABEL.search(form) for form in forms]
    assert len(forms) == 2
    assert all(labels), forms
    names = [label.group(1) for label in labels]
    assert len(set(names)) == len(names)


def vote_button(body: str, idea_id: int) -> str:
    block = body.split(f'id="idea-{idea_id}-vote"', 1)[1]
    return re.search(r"<button[^>]*class=\"vote-button\"[^>]*>", block).group(0)


def test_vote_button_available_on_partner_challenge(
    partner_client, agent, partner_challenge
):
    from ideation import services

    # Partners read only the challenges open to them, and take part there.
    idea = services.post_idea(agent, partner_challenge, "Idée partagée", "")

    as_partner = partner_client.get(partner_challenge.url)

    assert as_partner.status_code == 200
    assert "aria-disabled" not in vote_button(as_partner.content.decode(), idea.pk)


@pytest.fixture(params=["fr", "en"])
def board_in_language(request, board, english_board):
    """The board page in French or in English, with what precedes a status."""
    if request.param == "en":
        return english_board, "Status: </span>"
    return board, "Statut\u202f: </span>"


def test_status_badge_spoken_as_sentence(agent_client, board_in_language, idea):
    page, spoken = board_in_language

    body = agent_client.get(page.url).content.decode()
    badge = body.split(f'id="idea-{idea.pk}-status"', 1)[1].split("</span></span>")[0]

    assert '<span class="visually-hidden">' + spoken in badge
    assert badge.endswith('<span class="visually-hidden">.')


def test_idea_page_title_is_its_visible_h1(agent_client, idea):
    """The page had only a visually hidden h1, so sighted readers saw a card
    and no page title."""
    from bs4 import BeautifulSoup
    from django.urls import reverse

    body = agent_client.get(reverse("ideation:idea", args=[idea.pk])).content

    [heading] = BeautifulSoup(body, "html.parser").find_all("h1")
    assert heading.get_text(strip=True) == idea.title
    assert "visually-hidden" not in heading.get("class", [])
    assert "idea__title" in heading["class"]
