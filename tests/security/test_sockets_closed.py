"""Deactivating or erasing an account closes the person's open WebSockets,
whether one account is saved or many are updated in bulk."""

import asyncio

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.privacy import erase_account
from accounts.services import deactivate_user
from tests.ideation.conftest import (  # noqa: F401
    board,
    fresh_channel_layers,
    make_user,
    sent_messages,
    site_root,
)
from tests.ideation.test_ideation_consumer import (
    RECEIVE_TIMEOUT,
    make_communicator,
    run_sync,
)
from tests.ideation.test_realtime_consumer import receive_until

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


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_bulk_deactivation_closes_sockets(fresh_channel_layers, board):  # noqa: F811
    first = await run_sync(make_user, "Lou", "Martin")
    second = await run_sync(make_user, "Noé", "Bernard")
    bystander = await run_sync(make_user, "Inès", "Petit")
    first_socket = await open_socket(board.board_key, first)
    second_socket = await open_socket(board.board_key, second)
    bystander_socket = await open_socket(board.board_key, bystander)

    await run_sync(
        User.objects.filter(pk__in=[first.pk, second.pk]).update, is_active=False
    )

    first_output = await wait_for_close(first_socket)
    second_output = await wait_for_close(second_socket)
    assert first_output["code"] == ACCESS_LOST
    assert second_output["code"] == ACCESS_LOST
    # The bystander's socket stays open and still returns the board state.
    await bystander_socket.send_json_to({"type": "board.resync"})
    assert await receive_until(bystander_socket, "board.state")
    await bystander_socket.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_bulk_update_deactivation_closes_socket(fresh_channel_layers, board):  # noqa: F811
    person = await run_sync(make_user, "Lou", "Martin")
    communicator = await open_socket(board.board_key, person)
    person.is_active = False

    await run_sync(User.objects.bulk_update, [person], ["is_active"])

    output = await wait_for_close(communicator)
    assert output["code"] == ACCESS_LOST


def disconnected_ids(sent) -> list[int]:
    return sorted(
        message["user_id"]
        for _group, message in sent
        if message["type"] == "user.disconnect"
    )


def test_bulk_deactivation_closes_only_active_people(
    db,
    sent_messages,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    active = make_user("Lou", "Martin")
    already_inactive = make_user("Noé", "Bernard")
    User.objects.filter(pk=already_inactive.pk).update(is_active=False)
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        count = User.objects.filter(pk__in=[active.pk, already_inactive.pk]).update(
            is_active=False
        )

    assert count == 2
    assert disconnected_ids(sent_messages) == [active.pk]
    assert (f"user.{active.pk}", {"type": "user.disconnect", "user_id": active.pk}) in (
        sent_messages
    )


def test_bulk_deactivation_waits_for_commit(
    db,
    sent_messages,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    person = make_user("Lou", "Martin")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        User.objects.filter(pk=person.pk).update(is_active=False)

    assert disconnected_ids(sent_messages) == []
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    "fields", [{"is_active": True}, {"department": "Direction du numérique"}]
)
def test_bulk_update_without_deactivation_closes_nothing(
    db,
    sent_messages,  # noqa: F811
    django_capture_on_commit_callbacks,
    fields,
):
    person = make_user("Lou", "Martin")

    with django_capture_on_commit_callbacks(execute=True):
        User.objects.filter(pk=person.pk).update(**fields)

    assert disconnected_ids(sent_messages) == []


def test_wagtail_bulk_deactivation_closes_socket(
    db,
    sent_messages,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Wagtail's "mark as inactive" bulk action deactivates with update()."""
    from wagtail.users.views.bulk_actions.set_active_state import (
        SetActiveStateBulkAction,
    )

    person = make_user("Lou", "Martin")

    with django_capture_on_commit_callbacks(execute=True):
        SetActiveStateBulkAction.execute_action(
            [person], mark_as_active=False, model=User
        )

    assert disconnected_ids(sent_messages) == [person.pk]
