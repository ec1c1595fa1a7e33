"""Guards on the board page against known htmx and CSP pitfalls."""

import json
import re

import pytest

from ideation import services

BODY_HX_HEADERS = re.compile(r"<body[^>]*\shx-headers='([^']*)'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+|hx-on[:-][a-z:-]*)\s*=", re.IGNORECASE)


@pytest.mark.django_db
def test_board_page_hx_headers_is_valid_json(agent_client, board):
    response = agent_client.get(board.url)

    match = BODY_HX_HEADERS.search(response.content.decode())
    assert match, "the body has no single-quoted hx-headers attribute"
    headers = json.loads(match.group(1))
    assert headers["X-CSRFToken"]


@pytest.mark.django_db
def test_board_page_has_no_inline_script_or_handler(agent_client, board, idea):
    response = agent_client.get(board.url)

    body = response.content.decode()
    assert INLINE_SCRIPT.search(body) is None
    assert EVENT_HANDLER.search(body) is None
    assert "style=" not in body


@pytest.mark.django_db
def test_board_page_loads_board_assets(agent_client, board):
    response = agent_client.get(board.url)

    body = response.content.decode()
    assert 'href="/static/css/board.css"' in body
    assert '<script src="/static/js/board.js" defer></script>' in body


@pytest.mark.django_db
def test_board_page_escapes_hx_attributes_in_ideas(agent, agent_client, board):
    services.post_idea(
        agent, board, '"><button hx-get="/admin/">x</button>', "<b onclick=x>"
    )

    response = agent_client.get(board.url)

    body = response.content.decode()
    assert 'hx-get="/admin/"' not in body
    assert "<b onclick=x>" not in body
    assert "&quot;&gt;&lt;button hx-get=&quot;/admin/&quot;&gt;" in body
