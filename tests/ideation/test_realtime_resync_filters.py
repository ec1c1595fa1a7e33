"""The socket's ``board.resync`` keeps the board's filters, like the HTTP
refetch, and never lists a hidden idea or one its reader may not see."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ideation import moderation, services, views
from ideation.models import Audience, IdeaCategory
from tests.ideation.conftest import HTMX
from tests.ideation.test_ideation_consumer import make_communicator, run_sync
from tests.ideation.test_realtime_consumer import receive_until

CARD_PATTERN = re.compile(r'<article id="idea-(\d+)"')


def card_ids(html: str) -> list[int]:
    return [int(pk) for pk in CARD_PATTERN.findall(html)]


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def resync_with(communicator, filters) -> str:
    await communicator.send_json_to({"type": "board.resync", "filters": filters})
    return await receive_until(communicator, "board.state")


async def open_socket(board_key, user):
    session_key = await run_sync(session_of, user)
    communicator = make_communicator(board_key, session_key=session_key)
    connected, _code = await communicator.connect()
    assert connected
    await receive_until(communicator, "heartbeat")
    return communicator


def post_two_categories(agent, challenge):
    """Post two ideas in "Mobilité" and one in "Accueil"; return the first
    category and the three ideas, the one that tests hide second."""
    mobility = IdeaCategory.objects.create(name="Mobilité")
    welcome = IdeaCategory.objects.create(name="Accueil")
    matching = services.post_idea(
        agent, challenge, "Navette du matin", "", category=mobility
    )
    hidden = services.post_idea(
        agent, challenge, "Navette cachée", "", category=mobility
    )
    other = services.post_idea(
        agent, challenge, "Banque d'accueil", "", category=welcome
    )
    return mobility, matching, hidden, other


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_keeps_category_filter(
    fresh_channel_layers, facilitator, agent, other_agent, challenge
):
    mobility, matching, hidden, other = await run_sync(
        post_two_categories, agent, challenge
    )
    await run_sync(moderation.hide_idea, facilitator, hidden.pk)
    communicator = await open_socket(challenge.board_key, other_agent)

    state = await resync_with(communicator, {"category": str(mobility.pk)})

    assert card_ids(state) == [matching.pk]
    assert "Navette cachée" not in state
    assert f'data-query="category={mobility.pk}&amp;sort=hot"' in state
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_matches_http_refetch(
    fresh_channel_layers, facilitator, agent, other_agent, challenge
):
    _mobility, matching, hidden, other = await run_sync(
        post_two_categories, agent, challenge
    )
    await run_sync(services.post_idea, agent, challenge, "Parking vélo", "")
    await run_sync(moderation.hide_idea, facilitator, hidden.pk)
    filters = {"q": "navette", "sort": "new"}
    client = Client()
    await run_sync(client.force_login, other_agent)
    url = reverse("ideation:ideas", args=[challenge.pk])
    response = await run_sync(client.get, url, filters, **HTMX)
    communicator = await open_socket(challenge.board_key, other_agent)

    state = await resync_with(communicator, filters)

    assert card_ids(state) == [matching.pk]
    assert card_ids(state) == card_ids(response.content.decode())
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_ignores_invalid_filters(
    fresh_channel_layers, agent, other_agent, challenge
):
    first = await run_sync(services.post_idea, agent, challenge, "Première", "")
    second = await run_sync(services.post_idea, agent, challenge, "Seconde", "")
    communicator = await open_socket(challenge.board_key, other_agent)

    state = await resync_with(
        communicator, {"category": ["1"], "status": "x", "q": 3, "sort": "drop"}
    )

    assert sorted(card_ids(state)) == sorted([first.pk, second.pk])
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_closed_for_forbidden_partner(
    fresh_channel_layers, agent, partner, partner_challenge
):
    await run_sync(
        services.post_idea, agent, partner_challenge, "Réservée au personnel", ""
    )
    communicator = await open_socket(partner_challenge.board_key, partner)

    def close_to_partners():
        partner_challenge.audience = Audience.STAFF
        partner_challenge.save_revision().publish()

    await run_sync(close_to_partners)
    await communicator.send_json_to(
        {"type": "board.resync", "filters": {"q": "personnel"}}
    )
    sent = []
    output = await communicator.receive_output(timeout=15)
    while output["type"] == "websocket.send":
        sent.append(output.get("text", ""))
        output = await communicator.receive_output(timeout=15)

    assert output["type"] == "websocket.close"
    assert output["code"] == 4003
    assert not any("Réservée au personnel" in text for text in sent)


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(views, "IDEAS_PER_PAGE", 2)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("two_per_page")
@pytest.mark.parametrize(
    "case",
    [(2, 4), ("3", 5), (None, 2), (True, 2), ("x", 2), (-4, 2), (10**9, 2)],
    ids=str,
)
async def test_resync_returns_requested_pages(
    fresh_channel_layers, agent, other_agent, challenge, case
):
    """A client that loaded more pages gets them all back after a resync;
    values that are not a page count mean the first page only."""
    pages, expected_cards = case
    for number in range(5):
        await run_sync(services.post_idea, agent, challenge, f"Idée {number}", "")
    communicator = await open_socket(challenge.board_key, other_agent)
    message = {"type": "board.resync", "filters": {"sort": "new"}}
    if pages is not None:
        message["pages"] = pages

    await communicator.send_json_to(message)
    state = await receive_until(communicator, "board.state")

    assert len(card_ids(state)) == expected_cards
    await communicator.disconnect()
