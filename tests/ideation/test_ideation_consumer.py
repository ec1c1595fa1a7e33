"""The board WebSocket consumer, through the project's ASGI application."""

import re
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from cms.asgi import application
from ideation import services
from tests.ideation.conftest import HTMX

ALLOWED_ORIGIN = b"http://testserver"
# Generous, because PostgreSQL and Redis on a loaded machine can take seconds.
RECEIVE_TIMEOUT = 15
SEQUENCE_PATTERN = re.compile(r'data-sequence="(\d+)"')
EVENT_PATTERN = re.compile(r'data-event="([a-z._]+)"')


async def run_sync(function, *args, **kwargs):
    """Run a synchronous call, such as the test client, from an async test.

    The call runs in asgiref's worker thread; its database connection is
    closed afterwards, because an open one blocks dropping the test database.
    """

    def call():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    return await sync_to_async(call)()


def board_path(board_key) -> str:
    return f"/ws/lab/boards/{board_key}/"


def make_communicator(board_key, *, origin=ALLOWED_ORIGIN, session_key=None):
    headers = [(b"origin", origin)] if origin else []
    if session_key:
        cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, board_path(board_key), headers=headers)


async def receive_message(communicator) -> str:
    """Return the next message that is not a presence count.

    Each process pushes the presence count about a second after sockets
    join, so it can arrive between any two board messages.
    """
    while True:
        message = await communicator.receive_from(timeout=RECEIVE_TIMEOUT)
        if 'data-event="presence"' not in message:
            return message


def sequence_of(message: str) -> int:
    match = SEQUENCE_PATTERN.search(message)
    assert match, f"no data-sequence in {message!r}"
    return int(match.group(1))


def event_of(message: str) -> str:
    match = EVENT_PATTERN.search(message)
    assert match, f"no data-event in {message!r}"
    return match.group(1)


@pytest.fixture
def watcher_session(other_agent):
    """The session key of a signed-in watcher, as a browser cookie holds it."""
    client = Client()
    client.force_login(other_agent)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def voter_client(other_agent):
    client = Client()
    client.force_login(other_agent)
    return client


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_first_message_is_heartbeat_with_sequence(
    fresh_channel_layers, board, idea, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    connected, _subprotocol = await communicator.connect()

    message = await receive_message(communicator)

    assert connected
    assert event_of(message) == "heartbeat"
    assert sequence_of(message) == 1
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_vote_through_view_reaches_watcher(
    fresh_channel_layers, board, idea, watcher_session, voter_client
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    heartbeat = await receive_message(communicator)

    response = await run_sync(
        voter_client.post,
        reverse("ideation:vote", args=[idea.pk]),
        {"voted": "1"},
        **HTMX,
    )
    message = await receive_message(communicator)

    assert response.status_code == 200
    assert event_of(message) == "idea.votes_changed"
    assert sequence_of(message) == sequence_of(heartbeat) + 1
    assert f'<span id="idea-{idea.pk}-votes" hx-swap-oob="true">1</span>' in message
    # A count update never carries anyone's own vote state.
    assert "aria-pressed" not in message
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_new_idea_card_is_neutral(
    fresh_channel_layers, board, agent, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    await receive_message(communicator)

    idea = await run_sync(
        services.post_idea, agent, board, "<em>Une idée</em>", "Texte"
    )
    message = await receive_message(communicator)

    assert event_of(message) == "idea.posted"
    assert 'hx-swap-oob="afterbegin:#idea-list"' in message
    assert f'<article id="idea-{idea.pk}" class="idea"' in message
    assert 'aria-pressed="false"' in message
    assert "csrfmiddlewaretoken" not in message
    assert "<em>" not in message
    assert "&lt;em&gt;Une idée&lt;/em&gt;" in message
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_sends_card_in_socket_language(
    fresh_channel_layers, board, agent, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    await receive_message(communicator)
    await communicator.send_json_to({"type": "board.language", "language": "en"})
    # The hub writes to the socket directly, so wait until the consumer has
    # read the language message: it answers the next message in order.
    await communicator.send_json_to({"type": "board.resync"})
    assert event_of(await receive_message(communicator)) == "board.state"

    idea = await run_sync(services.post_idea, agent, board, "Idea", "")
    message = await receive_message(communicator)

    assert f'hx-post="/en/lab/ideas/{idea.pk}/vote/"' in message
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_ignores_invalid_client_messages(
    fresh_channel_layers, board, watcher_session
):
    communicator = make_communicator(board.board_key, session_key=watcher_session)
    await communicator.connect()
    await receive_message(communicator)

    await communicator.send_to(text_data="not json")
    await communicator.send_to(text_data="x" * 5000)
    await communicator.send_json_to({"type": "board.unknown"})
    await communicator.send_json_to({"type": "board.resync"})
    reply = await receive_message(communicator)

    # Nothing answered the invalid messages, and the socket still works.
    assert event_of(reply) == "board.state"
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_anonymous_is_accepted(fresh_channel_layers, partner_challenge):
    communicator = make_communicator(partner_challenge.board_key)

    connected, _subprotocol = await communicator.connect()

    assert connected
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_anonymous_general_board_rejected(fresh_channel_layers, board):
    communicator = make_communicator(board.board_key)

    connected, _code = await communicator.connect()
    await communicator.wait()

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_foreign_origin_is_rejected(
    fresh_channel_layers, board, watcher_session
):
    communicator = make_communicator(
        board.board_key, origin=b"https://evil.example", session_key=watcher_session
    )

    connected, _code = await communicator.connect()
    await communicator.wait()

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_missing_origin_is_rejected(fresh_channel_layers, board):
    communicator = make_communicator(board.board_key, origin=None)

    connected, _code = await communicator.connect()
    await communicator.wait()

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_missing_board_is_rejected(fresh_channel_layers, site_root):
    communicator = make_communicator(uuid.uuid4())

    connected, _code = await communicator.connect()
    await communicator.wait()

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_consumer_unpublished_board_is_rejected(fresh_channel_layers, board):
    await run_sync(board.unpublish)
    communicator = make_communicator(board.board_key)

    connected, _code = await communicator.connect()
    await communicator.wait()

    assert not connected
