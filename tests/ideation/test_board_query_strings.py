"""Crafted query strings on the board page and its idea list: a value that is
not a plain decimal number is ignored, never a server error."""

import pytest
from django.urls import reverse

from ideation import services
from tests.ideation.conftest import HTMX

# Characters for which str.isdigit() is true but int() fails, and one
# (Arabic-Indic three) that int() accepts although it is not ASCII.
NOT_ASCII_DIGITS = ["²", "¹²", "①", "٣"]


def post_idea(agent, board):
    return services.post_idea(agent, board, "Idée sans chiffre", "")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page", "status", "category"])
@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_board_page_ignores_digits_not_ascii(agent, agent_client, board, name, value):
    idea = post_idea(agent, board)

    response = agent_client.get(board.url, {name: value})

    assert response.status_code == 200
    assert f'id="idea-{idea.pk}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page", "status", "category"])
def test_idea_list_ignores_digits_not_ascii(agent, agent_client, board, name):
    idea = post_idea(agent, board)
    url = reverse("ideation:ideas", args=[board.pk])

    response = agent_client.get(url, {name: "²"}, **HTMX)

    assert response.status_code == 200
    assert f'id="idea-{idea.pk}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["status", "category"])
def test_board_page_ignores_out_of_range_ids(agent, agent_client, board, name):
    post_idea(agent, board)

    response = agent_client.get(board.url, {name: "9" * 30})

    assert response.status_code == 200
