"""The board shows its ideas a page at a time, with a "Show more ideas" link
that works with htmx and without JavaScript and keeps filters and sort."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ideation import services, views
from tests.ideation.conftest import HTMX

PER_PAGE = 3
MORE = {**HTMX, "HTTP_HX_TARGET": views.MORE_TARGET}


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "IDEAS_PER_PAGE", PER_PAGE)


def ideas_url(board):
    return reverse("ideation:ideas", args=[board.pk])


def post_ideas(agent, board, count):
    """Post ``count`` ideas; the last one posted comes first in every order."""
    return [
        services.post_idea(agent, board, f"Idée {number}", "")
        for number in range(count)
    ]


def card_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="idea-(\d+)"', body)]


def more_link(body: str) -> tuple[str, str]:
    """Return the ``href`` and ``hx-get`` of the "Show more ideas" link."""
    match = re.search(r'id="idea-list-more">\s*<a [^>]*href="([^"]+)"', body)
    assert match, "no Show more ideas link"
    hx_get = re.search(r'id="idea-list-more">\s*<a [^>]*hx-get="([^"]+)"', body)
    return match.group(1).replace("&amp;", "&"), hx_get.group(1).replace("&amp;", "&")


def query_of(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def list_attribute(body: str, name: str) -> str:
    """Return the unescaped value of a ``data-*`` attribute of ``#idea-list``."""
    match = re.search(rf'<div id="idea-list"[^>]* data-{name}="([^"]*)"', body)
    assert match, f"#idea-list has no data-{name}"
    return html.unescape(match.group(1))


@pytest.mark.django_db
def test_board_page_shows_first_page_only(agent, agent_client, board):
    ideas = post_ideas(agent, board, PER_PAGE + 2)

    response = agent_client.get(board.url)

    body = response.content.decode()
    assert card_ids(body) == [idea.pk for idea in reversed(ideas)][:PER_PAGE]
    assert 'id="idea-list-more"' in body


@pytest.mark.django_db
def test_board_page_without_next_page_has_no_link(agent, agent_client, board):
    post_ideas(agent, board, PER_PAGE)

    response = agent_client.get(board.url)

    assert 'id="idea-list-more"' not in response.content.decode()


@pytest.mark.django_db
def test_more_link_keeps_filters_and_sort(agent, agent_client, board):
    post_ideas(agent, board, PER_PAGE + 1)

    response = agent_client.get(board.url, {"sort": "new", "q": "Idée"})

    href, hx_get = more_link(response.content.decode())
    expected = {"sort": "new", "q": "Idée", "page": "2"}
    assert query_of(href) == expected
    assert query_of(hx_get) == expected
    assert urlsplit(href).path == board.url
    assert urlsplit(hx_get).path == ideas_url(board)


@pytest.mark.django_db
def test_more_link_without_js_anchors_last_card(agent, agent_client, board):
    ideas = post_ideas(agent, board, PER_PAGE + 1)
    last_shown = list(reversed(ideas))[PER_PAGE - 1]

    response = agent_client.get(board.url)

    href, _hx_get = more_link(response.content.decode())
    assert href.endswith(f"#idea-{last_shown.pk}")


@pytest.mark.django_db
def test_board_page_without_js_shows_pages_so_far(agent, agent_client, board):
    ideas = post_ideas(agent, board, 2 * PER_PAGE + 1)

    response = agent_client.get(board.url, {"page": "2"})

    body = response.content.decode()
    assert card_ids(body) == [idea.pk for idea in reversed(ideas)][: 2 * PER_PAGE]
    assert query_of(more_link(body)[0])["page"] == "3"


@pytest.mark.django_db
def test_more_request_returns_next_page_alone(agent, agent_client, board):
    ideas = list(reversed(post_ideas(agent, board, PER_PAGE + 2)))

    response = agent_client.get(ideas_url(board), {"page": "2"}, **MORE)

    body = response.content.decode()
    assert response.status_code == 200
    assert card_ids(body) == [idea.pk for idea in ideas[PER_PAGE:]]
    assert 'id="idea-list"' not in body
    assert 'id="idea-list-more"' not in body
    assert "autofocus" in body
    assert "HX-Target" in response["Vary"]


@pytest.mark.django_db
def test_more_request_keeps_hot_order(agent, other_agent, agent_client, board):
    ideas = post_ideas(agent, board, PER_PAGE + 1)
    services.set_vote(other_agent, ideas[-1].pk, True)
    services.set_vote(other_agent, ideas[0].pk, True)
    hot = services.filter_and_sort(services.get_board_ideas_for(agent, board))
    expected = [idea.pk for idea in hot]

    first = agent_client.get(ideas_url(board), **HTMX)
    second = agent_client.get(ideas_url(board), {"page": "2"}, **MORE)

    shown = card_ids(first.content.decode()) + card_ids(second.content.decode())
    assert shown == expected


@pytest.mark.django_db
def test_more_request_links_next_page(agent, agent_client, board):
    post_ideas(agent, board, 2 * PER_PAGE + 1)

    response = agent_client.get(ideas_url(board), {"page": "2"}, **MORE)

    _href, hx_get = more_link(response.content.decode())
    assert query_of(hx_get)["page"] == "3"


@pytest.mark.django_db
def test_filter_change_returns_first_page(agent, agent_client, board):
    ideas = post_ideas(agent, board, PER_PAGE + 1)

    response = agent_client.get(ideas_url(board), {"sort": "new"}, **HTMX)

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="idea-list"')
    assert card_ids(body) == [idea.pk for idea in reversed(ideas)][:PER_PAGE]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999"])
def test_invalid_page_shows_first_page(agent, agent_client, board, page):
    post_ideas(agent, board, PER_PAGE + 1)

    response = agent_client.get(board.url, {"page": page})

    assert len(card_ids(response.content.decode())) == PER_PAGE


@pytest.mark.django_db
def test_idea_list_without_htmx_redirect_keeps_query(agent_client, board):
    response = agent_client.get(ideas_url(board), {"sort": "top", "page": "2"})

    assert response.status_code == 302
    assert query_of(response["Location"]) == {"sort": "top", "page": "2"}


@pytest.mark.django_db
def test_resync_list_shows_first_hot_page(agent, other_agent, board):
    ideas = post_ideas(agent, board, PER_PAGE + 1)
    services.set_vote(other_agent, ideas[0].pk, True)

    context = views.get_idea_list_context(agent, board)
    body = render_to_string(f"{views.TEMPLATE}#idea-list", context)

    assert card_ids(body)[0] == ideas[0].pk
    assert len(card_ids(body)) == PER_PAGE
    href, hx_get = more_link(body)
    assert urlsplit(href).path == board.url
    assert query_of(hx_get) == {"sort": "hot", "page": "2"}


@pytest.mark.django_db
def test_idea_list_states_its_filters(agent, agent_client, board):
    post_ideas(agent, board, 1)

    response = agent_client.get(ideas_url(board), {"sort": "new", "q": "Idée"}, **HTMX)

    body = response.content.decode()
    assert query_of("?" + list_attribute(body, "query")) == {"sort": "new", "q": "Idée"}
    assert list_attribute(body, "pages") == "1"


@pytest.mark.django_db
def test_board_page_list_states_pages_shown(agent, agent_client, board):
    post_ideas(agent, board, 2 * PER_PAGE + 1)

    response = agent_client.get(board.url, {"page": "2", "tag": "atelier"})

    body = response.content.decode()
    assert list_attribute(body, "pages") == "2"
    assert list_attribute(body, "per-page") == str(PER_PAGE)
    assert query_of("?" + list_attribute(body, "query")) == {
        "sort": "hot",
        "tag": "atelier",
    }


@pytest.mark.django_db
def test_board_ideas_url_leaves_query_to_list(agent_client, board):
    response = agent_client.get(board.url, {"sort": "new", "page": "2"})

    body = response.content.decode()
    assert f'data-ideas-url="{ideas_url(board)}"' in body


@pytest.mark.django_db
def test_refetch_returns_filtered_pages_so_far(agent, agent_client, board):
    """board.js refetches with the list's query and ``page``: the response
    contains the whole list up to that page, not the last page alone."""
    ideas = post_ideas(agent, board, 2 * PER_PAGE + 2)
    other = services.post_idea(agent, board, "Autre sujet", "")

    response = agent_client.get(
        ideas_url(board), {"q": "Idée", "sort": "new", "page": "2"}, **HTMX
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="idea-list"')
    assert card_ids(body) == [idea.pk for idea in reversed(ideas)][: 2 * PER_PAGE]
    assert other.pk not in card_ids(body)
    assert list_attribute(body, "pages") == "2"
    assert query_of(more_link(body)[1]) == {"q": "Idée", "sort": "new", "page": "3"}


@pytest.mark.django_db
def test_resync_list_states_default_query(agent, board):
    post_ideas(agent, board, 1)

    context = views.get_idea_list_context(agent, board)
    body = render_to_string(f"{views.TEMPLATE}#idea-list", context)

    assert list_attribute(body, "query") == "sort=hot"
    assert list_attribute(body, "pages") == "1"
