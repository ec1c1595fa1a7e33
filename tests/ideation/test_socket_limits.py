"""Each process keeps a bounded number of sockets per person, and per
address for visitors who are not signed in: one more closes the oldest."""

import pytest
from django.conf import settings
from django.test import Client

from ideation.realtime.hub import CLOSE_TOO_MANY_SOCKETS
from tests.ideation.test_ideation_consumer import (
    RECEIVE_TIMEOUT,
    make_communicator,
    run_sync,
)
from tests.ideation.test_realtime_consumer import anonymous_from, receive_until


@pytest.fixture
def board(partner_challenge):
    """Signed-out visitors read only the challenges open to partners."""
    return partner_challenge


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def sync_session(user) -> str:
    return await run_sync(session_of, user)


async def close_code(communicator) -> int:
    output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)
    while output["type"] != "websocket.close":
        output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)
    return output["code"]


async def answers(communicator) -> bool:
    await communicator.send_json_to({"type": "board.resync"})
    return bool(await receive_until(communicator, "board.state"))


async def open_all(communicators) -> None:
    for communicator in communicators:
        connected, _code = await communicator.connect()
        assert connected
        await receive_until(communicator, "heartbeat")


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_person_over_limit_loses_oldest_socket(
    fresh_channel_layers, settings, board, other_agent, agent
):
    settings.IDEATION_MAX_SOCKETS_PER_PERSON = 2
    own = await sync_session(other_agent)
    tabs = [make_communicator(board.board_key, session_key=own) for _ in range(3)]
    colleague = make_communicator(
        board.board_key, session_key=await sync_session(agent)
    )
    await open_all([colleague, *tabs])

    assert await close_code(tabs[0]) == CLOSE_TOO_MANY_SOCKETS
    for communicator in (tabs[1], tabs[2], colleague):
        assert await answers(communicator)
        await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_closed_socket_frees_its_place(
    fresh_channel_layers, settings, board, other_agent
):
    settings.IDEATION_MAX_SOCKETS_PER_PERSON = 2
    own = await sync_session(other_agent)
    first, second, third = (
        make_communicator(board.board_key, session_key=own) for _ in range(3)
    )
    await open_all([first, second])
    await second.disconnect()
    await open_all([third])

    assert await first.receive_nothing(timeout=0.5)
    assert await answers(first)
    assert await answers(third)
    await first.disconnect()
    await third.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_anonymous_limit_counts_each_address(
    fresh_channel_layers, settings, board
):
    settings.IDEATION_MAX_ANONYMOUS_SOCKETS_PER_ADDRESS = 2
    same_machine = [anonymous_from(board.board_key, "10.0.0.7") for _ in range(3)]
    other_machine = anonymous_from(board.board_key, "10.0.0.8")
    await open_all([other_machine, *same_machine])

    assert await close_code(same_machine[0]) == CLOSE_TOO_MANY_SOCKETS
    for communicator in (same_machine[1], same_machine[2], other_machine):
        assert await answers(communicator)
        await communicator.disconnect()


def test_board_pages_explain_the_closed_tab(agent_client, board):
    response = agent_client.get(board.url)

    assert "data-too-many-sockets-message=" in response.content.decode()
