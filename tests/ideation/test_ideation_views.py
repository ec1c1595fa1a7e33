"""Board views: posting and voting with and without htmx, and bad input."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from ideation import services
from ideation.models import Idea, Vote
from tests.ideation.conftest import HTMX


def ideas_url(board):
    return reverse("ideation:ideas", args=[board.pk])


def vote_url(idea_id):
    return reverse("ideation:vote", args=[idea_id])


def french(message_id: str, **params) -> str:
    """Return the French text of a message, as the unprefixed pages show it."""
    with translation.override("fr"):
        text = translation.gettext(message_id)
    return text % params if params else text


SIGN_IN_REQUIRED = "Sign in to post an idea or to vote."


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Board page


@pytest.mark.django_db
def test_board_page_lists_ideas_newest_first(agent, agent_client, board):
    services.post_idea(agent, board, "Plus ancienne", "")
    services.post_idea(agent, board, "Plus récente", "")

    response = agent_client.get(board.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Plus récente") < body.index("Plus ancienne")


@pytest.mark.django_db
def test_board_page_dom_contract(agent_client, board, idea):
    response = agent_client.get(board.url)

    body = response.content.decode()
    assert '<form id="idea-form"' in body
    assert 'name="title"' in body
    assert '<textarea name="description"' in body
    assert 'id="idea-list"' in body
    assert f'<article id="idea-{idea.pk}" class="idea" data-idea-id="{idea.pk}"' in body
    assert f'id="idea-{idea.pk}-votes"' in body
    assert 'class="vote-button" aria-pressed="false"' in body
    assert f'ws-connect="/ws/lab/boards/{board.board_key}/?lang=fr"' in body
    assert 'id="board-live" class="board__live" hx-ext="ws"' in body


@pytest.mark.django_db
def test_board_page_vote_button_names_idea(agent_client, board, idea):
    response = agent_client.get(board.url)

    button = re.search(
        r'<button type="submit" class="vote-button".*?</button>',
        response.content.decode(),
        re.DOTALL,
    )
    assert button is not None
    assert idea.title in button.group(0)


@pytest.mark.django_db
def test_board_page_shows_own_vote_pressed(other_agent, board, idea, client):
    services.set_vote(other_agent, idea.pk, True)
    client.force_login(other_agent)

    response = client.get(board.url)

    assert 'aria-pressed="true"' in response.content.decode()


@pytest.mark.django_db
def test_board_page_anonymous_sees_sign_in_invitation(
    anonymous_client, partner_challenge
):
    response = anonymous_client.get(partner_challenge.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="idea-form"' not in body
    assert f"{reverse('accounts:login')}?next={partner_challenge.url}" in body


@pytest.mark.django_db
def test_board_page_english_shows_french_ideas(agent_client, english_board, idea):
    response = agent_client.get(english_board.url)

    assert response.status_code == 200
    assert idea.title in response.content.decode()


@pytest.mark.django_db
def test_board_page_varies_on_hx_request(agent_client, board):
    response = agent_client.get(board.url)

    assert "HX-Request" in response["Vary"]


# Posting an idea


@pytest.mark.django_db
def test_post_idea_without_js_redirects_with_message(agent_client, board):
    response = agent_client.post(
        ideas_url(board), {"title": "Un café numérique", "description": ""}
    )

    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{board.url}#idea-{idea.pk}"
    assert idea.title == "Un café numérique"
    assert any("Un café numérique" in text for text in message_texts(response))


@pytest.mark.django_db
def test_post_idea_htmx_returns_card_and_announcement(agent_client, board):
    response = agent_client.post(
        ideas_url(board), {"title": "Un café numérique", "description": ""}, **HTMX
    )

    body = response.content.decode()
    idea = Idea.objects.get()
    assert response.status_code == 200
    assert f'<article id="idea-{idea.pk}"' in body
    assert 'hx-swap-oob="innerHTML:#idea-post-status"' in body
    assert f'<a href="#idea-{idea.pk}" data-focus-after-swap>' in body
    assert '<form id="idea-form"' in body
    assert 'hx-swap-oob="true"' in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("use_htmx", [False, True])
@pytest.mark.parametrize(
    "case",
    [
        ("", "Une description conservée", french("Enter a title for your idea.")),
        ("   ", "Une description conservée", french("Enter a title for your idea.")),
        (
            "t" * (settings.IDEA_TITLE_MAX_LENGTH + 1),
            "Une description conservée",
            french(
                "The title is too long: use at most %(limit_value)d characters "
                "(it has %(show_value)d).",
                limit_value=settings.IDEA_TITLE_MAX_LENGTH,
                show_value=settings.IDEA_TITLE_MAX_LENGTH + 1,
            ),
        ),
        (
            "Un titre conservé",
            "d" * (settings.IDEA_DESCRIPTION_MAX_LENGTH + 1),
            french(
                "The description is too long: use at most %(limit_value)d "
                "characters (it has %(show_value)d).",
                limit_value=settings.IDEA_DESCRIPTION_MAX_LENGTH,
                show_value=settings.IDEA_DESCRIPTION_MAX_LENGTH + 1,
            ),
        ),
    ],
)
def test_post_idea_invalid_keeps_text(agent_client, board, use_htmx, case):
    title, description, expected_error = case
    headers = HTMX if use_htmx else {}

    response = agent_client.post(
        ideas_url(board), {"title": title, "description": description}, **headers
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert expected_error in body
    assert Idea.objects.count() == 0
    assert 'aria-invalid="true"' in body
    kept_text = description[:50] if title.strip() == "" else title[:50]
    assert kept_text in body


POST_DISCLOSURE = '<details class="board__disclosure board__post-disclosure"'


@pytest.mark.django_db
def test_board_post_form_collapsed_until_errors(agent_client, board):
    page = agent_client.get(board.url).content.decode()

    invalid = agent_client.post(ideas_url(board), {"title": "", "description": ""})

    assert f"{POST_DISCLOSURE} data-open-wide>" in page
    assert f"{POST_DISCLOSURE} data-open-wide open>" in invalid.content.decode()


@pytest.mark.django_db
def test_post_idea_htmx_invalid_retargets_form(agent_client, board):
    response = agent_client.post(
        ideas_url(board), {"title": "", "description": ""}, **HTMX
    )

    assert response.status_code == 400
    assert response["HX-Retarget"] == "#idea-form"
    assert response["HX-Reswap"] == "outerHTML"
    assert response.content.decode().lstrip().startswith('<form id="idea-form"')
    # The confirmation of an earlier post is cleared.
    assert '<div hx-swap-oob="innerHTML:#idea-post-status"></div>' in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("use_htmx", [False, True])
def test_post_idea_closed_board_shows_form_error(agent_client, closed_board, use_htmx):
    headers = HTMX if use_htmx else {}

    response = agent_client.post(
        ideas_url(closed_board), {"title": "Trop tard", "description": ""}, **headers
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        french("This board no longer accepts new ideas. You can still read and vote.")
        in body
    )
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_post_idea_html_is_stored_as_text_and_escaped(agent_client, board):
    title = '<script>alert("x")</script><b hx-get="/x">gras</b>'

    agent_client.post(
        ideas_url(board), {"title": title, "description": "<img src=x onerror=y>"}
    )
    response = agent_client.get(board.url)

    body = response.content.decode()
    assert Idea.objects.get().title == title
    assert '<script>alert("x")' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<img src=x" not in body
    assert '<b hx-get="/x">' not in body


@pytest.mark.django_db
def test_anonymous_post_without_js_redirects(anonymous_client, partner_challenge):
    response = anonymous_client.post(
        ideas_url(partner_challenge), {"title": "Anonyme", "description": ""}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]
    assert Idea.objects.count() == 0
    assert message_texts(response) == [french(SIGN_IN_REQUIRED)]


@pytest.mark.django_db
def test_anonymous_htmx_post_keeps_text(anonymous_client, partner_challenge):
    response = anonymous_client.post(
        ideas_url(partner_challenge),
        {"title": "Mon idée tapée", "description": ""},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 403
    assert "Mon idée tapée" in body
    assert french(SIGN_IN_REQUIRED) in body
    assert reverse("accounts:login") in body
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_post_idea_without_csrf_is_forbidden(csrf_client, board):
    response = csrf_client.post(ideas_url(board), {"title": "Sans jeton"})

    assert response.status_code == 403
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_post_idea_unknown_board_is_404(agent_client):
    response = agent_client.post(
        reverse("ideation:ideas", args=[999_999]), {"title": "Perdue"}
    )

    assert response.status_code == 404
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_post_idea_unpublished_board_is_404(agent_client, board):
    board.unpublish()

    response = agent_client.post(ideas_url(board), {"title": "Perdue"})

    assert response.status_code == 404
    assert Idea.objects.count() == 0


# Voting


@pytest.mark.django_db
def test_vote_without_js_redirects_with_message(other_agent, client, board, idea):
    client.force_login(other_agent)

    response = client.post(vote_url(idea.pk), {"voted": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{board.url}#idea-{idea.pk}"
    assert Vote.objects.filter(idea=idea, user=other_agent).exists()
    expected = french(
        "You support “%(title)s”. Votes: %(count)s.", title=idea.title, count=1
    )
    assert message_texts(response) == [expected]


@pytest.mark.django_db
def test_vote_htmx_returns_pressed_button_and_count(other_agent, client, idea):
    client.force_login(other_agent)

    response = client.post(vote_url(idea.pk), {"voted": "1"}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="idea-{idea.pk}-vote"' in body
    assert 'aria-pressed="true"' in body
    assert f'<span id="idea-{idea.pk}-votes">1</span>' in body
    assert 'hx-swap-oob="innerHTML:#live-status"' in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_vote_htmx_withdraw_returns_unpressed_button(other_agent, client, idea):
    services.set_vote(other_agent, idea.pk, True)
    client.force_login(other_agent)

    response = client.post(vote_url(idea.pk), {"voted": "0"}, **HTMX)

    body = response.content.decode()
    assert 'aria-pressed="false"' in body
    assert f'<span id="idea-{idea.pk}-votes">0</span>' in body
    assert not Vote.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("use_htmx", [False, True])
def test_vote_missing_idea_is_404(agent_client, use_htmx):
    headers = HTMX if use_htmx else {}

    response = agent_client.post(vote_url(999_999), {"voted": "1"}, **headers)

    assert response.status_code == 404
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_missing_idea_htmx_explains(agent_client):
    response = agent_client.post(vote_url(999_999), {"voted": "1"}, **HTMX)

    expected = french("This idea does not exist or is no longer visible.")
    assert expected in response.content.decode()
    assert response["HX-Reswap"] == "outerHTML"


@pytest.mark.django_db
@pytest.mark.parametrize("use_htmx", [False, True])
@pytest.mark.parametrize(
    ("data", "message_id"),
    [
        ({}, "The vote is missing: send voted=1 or voted=0."),
        ({"voted": "yes"}, "The vote is invalid: send voted=1 or voted=0."),
    ],
)
def test_vote_invalid_value_is_400(agent_client, idea, use_htmx, data, message_id):
    headers = HTMX if use_htmx else {}

    response = agent_client.post(vote_url(idea.pk), data, **headers)

    assert response.status_code == 400
    assert french(message_id) in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_anonymous_without_js_redirects_to_sign_in(anonymous_client, partner_idea):
    response = anonymous_client.post(vote_url(partner_idea.pk), {"voted": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_anonymous_htmx_shows_sign_in_message(anonymous_client, partner_idea):
    response = anonymous_client.post(vote_url(partner_idea.pk), {"voted": "1"}, **HTMX)

    body = response.content.decode()
    assert response.status_code == 403
    assert french(SIGN_IN_REQUIRED) in body
    assert reverse("accounts:login") in body
    assert f'<span id="idea-{partner_idea.pk}-votes">0</span>' in body
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_without_csrf_is_forbidden(csrf_client, idea):
    response = csrf_client.post(vote_url(idea.pk), {"voted": "1"}, **HTMX)

    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_get_is_not_allowed(agent_client, idea):
    response = agent_client.get(vote_url(idea.pk))

    assert response.status_code == 405


# Idea list fragment


@pytest.mark.django_db
def test_idea_list_htmx_returns_fragment_with_sequence(agent_client, board, idea):
    response = agent_client.get(ideas_url(board), **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="idea-list"')
    assert 'data-sequence="1"' in body
    assert f'id="idea-{idea.pk}"' in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_idea_list_without_htmx_redirects_to_board(agent_client, board):
    response = agent_client.get(ideas_url(board))

    assert response.status_code == 302
    assert response["Location"] == board.url


@pytest.mark.django_db
def test_idea_list_history_restore_returns_full_page(agent_client, board):
    response = agent_client.get(
        ideas_url(board), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert 'id="idea-list"' in body


@pytest.mark.django_db
def test_idea_list_shows_viewer_vote_state(other_agent, client, board, idea):
    services.set_vote(other_agent, idea.pk, True)
    client.force_login(other_agent)

    response = client.get(ideas_url(board), **HTMX)

    assert 'aria-pressed="true"' in response.content.decode()
