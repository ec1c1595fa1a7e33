"""Deactivating or erasing an account closes the person's open WebSockets."""

import asyncio

import pytest
from django.conf import settings
from django.test import Client

from accounts.privacy import erase_account
from accounts.services import deactivate_user
from tests.ideation.conftest import (  # noqa: F401
    board,
    fresh_channel_layers,
    make_user,
    site_root,
)
from tests.ideation.test_ideation_consumer import (
    RECEIVE_TIMEOUT,
    make_communicator,
    run_sync,
)

# Close code the Smart Lab's consumers use when a person loses access.
ACCESS_LOST = 4001


async def open_socket(board_key, user):  # noqa: F811
    client = Client()
    await run_sync(client.force_login, user)
    communicator = make_communicator(
        board_key, session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    connected, _subprotocol = await communicator.connect()
    assert connected
    return communicator


async def wait_for_close(communicator) -> dict:
    """Return the close message, skipping heartbeats; fail after a deadline."""
    async with asyncio.timeout(2 * RECEIVE_TIMEOUT):
        output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)
        while output["type"] != "websocket.close":
            output = await communicator.receive_output(timeout=RECEIVE_TIMEOUT)
    return output


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_deactivation_service_closes_socket(fresh_channel_layers, board):  # noqa: F811
    person = await run_sync(make_user, "Lou", "Martin")
    communicator = await open_socket(board.board_key, person)

    await run_sync(deactivate_user, person, reason="test")

    output = await wait_for_close(communicator)
    assert output["code"] == ACCESS_LOST


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_erasure_closes_socket(fresh_channel_layers, board):  # noqa: F811
    person = await run_sync(make_user, "Noé", "Bernard")
    communicator = await open_socket(board.board_key, person)

    await run_sync(erase_account, person, reason="test")

    output = await wait_for_close(communicator)
    assert output["code"] == ACCESS_LOST
