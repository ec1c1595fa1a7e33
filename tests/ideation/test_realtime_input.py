"""Unknown WebSocket addresses, malformed messages and resync floods fail
cleanly."""

import asyncio

import pytest
from channels.testing import WebsocketCommunicator

from cms.asgi import application
from tests.ideation.test_ideation_consumer import (
    make_communicator,
    receive_message,
)


@pytest.fixture
def board(partner_challenge):
    """The board these signed-out sockets watch: signed-out visitors read
    only the challenges open to partners."""
    return partner_challenge


ALLOWED_ORIGIN = [(b"origin", b"http://testserver")]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", ["/ws/lab/boards/not-a-uuid/", "/ws/nothing/", "/ws/kiosk/"]
)
async def test_unknown_websocket_path_is_refused(path):
    communicator = WebsocketCommunicator(application, path, headers=ALLOWED_ORIGIN)

    connected, _subprotocol = await communicator.connect()

    assert connected is False


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "message",
    [
        {"type": []},
        {"type": {"a": 1}},
        {"type": "board.language", "language": {"a": 1}},
        {"type": "board.language", "language": ["fr"]},
    ],
)
async def test_unhashable_client_message_keeps_socket(
    fresh_channel_layers, board, message
):
    communicator = make_communicator(board.board_key)
    await communicator.connect()
    await receive_message(communicator)

    await communicator.send_json_to(message)
    await communicator.send_json_to({"type": "board.resync"})
    reply = await receive_message(communicator)

    assert 'data-event="board.state"' in reply
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_resync_flood_renders_once(fresh_channel_layers, board):
    communicator = make_communicator(board.board_key)
    await communicator.connect()
    await receive_message(communicator)

    for _ in range(20):
        await communicator.send_json_to({"type": "board.resync"})
    states = await count_board_states(communicator, seconds=0.8)

    assert states == 1
    await communicator.disconnect()


async def count_board_states(communicator, seconds: float) -> int:
    """Count the ``board.state`` messages received within ``seconds``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    count = 0
    while loop.time() < deadline:
        if await communicator.receive_nothing(timeout=0.1):
            continue
        message = await communicator.receive_from()
        if 'data-event="board.state"' in message:
            count += 1
    return count


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_silent_socket_is_forgotten_without_disconnect(
    fresh_channel_layers, board
):
    from ideation.realtime.hub import get_hub

    communicator = make_communicator(board.board_key)
    await communicator.connect()
    await receive_message(communicator)
    watched = get_hub().boards[str(board.board_key)]
    (consumer,) = watched.consumers

    # The client never sends websocket.disconnect, like a killed instance.
    consumer.last_client_message_at = 0
    watched.close_silent_sockets()
    await asyncio.sleep(0.2)

    assert consumer not in watched.consumers
    assert str(board.board_key) not in get_hub().boards or not watched.consumers
