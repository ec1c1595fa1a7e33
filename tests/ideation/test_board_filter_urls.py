"""The board's filter form requests and pushes the page's own URL, and that
URL shows the same filtered list on a page load and a history restore."""

import html
import re
from urllib.parse import parse_qs

import pytest

from ideation import services
from ideation.models import IdeaCategory
from tests.ideation.conftest import HTMX, make_challenge

pytestmark = pytest.mark.django_db

HISTORY_RESTORE = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.fixture
def category(db):
    return IdeaCategory.objects.create(name="Numérique", name_en="Digital")


@pytest.fixture
def sorted_ideas(agent, board, category):
    """An idea in ``category`` and one without, posted in that order."""
    return {
        "in_category": services.post_idea(
            agent, board, "Bornes numériques", "", category=category
        ),
        "other": services.post_idea(agent, board, "Jardin partagé", ""),
    }


def filter_form(body: str) -> str:
    match = re.search(r'<form class="idea-filters"[^>]*>', body)
    assert match, "no filter form"
    return match.group(0)


def attribute(tag: str, name: str) -> str:
    match = re.search(rf' {name}="([^"]*)"', tag)
    assert match, f"no {name} in {tag}"
    return html.unescape(match.group(1))


def card_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="idea-(\d+)"', body)]


def list_query(body: str) -> dict:
    match = re.search(r'<div id="idea-list"[^>]* data-query="([^"]*)"', body)
    assert match, "#idea-list has no data-query"
    query = parse_qs(html.unescape(match.group(1)))
    return {key: values[0] for key, values in query.items()}


def test_filter_form_pushes_page_url(agent_client, board):
    response = agent_client.get(board.url)

    form = filter_form(response.content.decode())
    assert attribute(form, "hx-get") == board.url
    assert attribute(form, "action") == board.url
    assert attribute(form, "hx-push-url") == "true"


def test_english_filter_form_pushes_english_url(agent_client, english_board):
    response = agent_client.get(english_board.url)

    form = filter_form(response.content.decode())
    assert english_board.url.startswith("/en/")
    assert attribute(form, "hx-get") == english_board.url


def test_board_url_htmx_returns_list_only(agent_client, board, category, sorted_ideas):
    response = agent_client.get(board.url, {"category": category.pk}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="idea-list"')
    assert "<html" not in body
    assert card_ids(body) == [sorted_ideas["in_category"].pk]
    assert list_query(body) == {"sort": "hot", "category": str(category.pk)}
    assert "HX-Request" in response["Vary"]


def test_challenge_url_htmx_returns_list_only(agent, agent_client, site_root):
    challenge = make_challenge(site_root)
    idea = services.post_idea(agent, challenge, "Accueil sans attente", "")

    response = agent_client.get(challenge.url, {"sort": "new"}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="idea-list"')
    assert card_ids(body) == [idea.pk]
    assert list_query(body) == {"sort": "new"}


def test_pushed_url_page_load_shows_filtered_list(
    agent_client, board, category, sorted_ideas
):
    response = agent_client.get(board.url, {"category": category.pk, "sort": "new"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert card_ids(body) == [sorted_ideas["in_category"].pk]
    assert list_query(body) == {"sort": "new", "category": str(category.pk)}
    assert f'<option value="{category.pk}" selected>' in body
    assert '<option value="new" selected>' in body


def test_pushed_url_history_restore_is_page(
    agent_client, board, category, sorted_ideas
):
    response = agent_client.get(
        board.url, {"q": "Bornes", "category": category.pk}, **HISTORY_RESTORE
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert 'id="board-live"' in body
    assert card_ids(body) == [sorted_ideas["in_category"].pk]
    assert list_query(body) == {
        "q": "Bornes",
        "sort": "hot",
        "category": str(category.pk),
    }
    assert 'name="q" value="Bornes"' in body


def test_unfiltered_url_shows_every_idea(agent_client, board, sorted_ideas):
    response = agent_client.get(board.url, **HISTORY_RESTORE)

    body = response.content.decode()
    assert sorted(card_ids(body)) == sorted(idea.pk for idea in sorted_ideas.values())
    assert list_query(body) == {"sort": "hot"}


def test_unreadable_board_htmx_is_404(anonymous_client, site_root):
    challenge = make_challenge(site_root)

    response = anonymous_client.get(challenge.url, **HTMX)

    assert response.status_code == 404
