"""Open sockets of a board whose readers change: a partner who watched a
challenge must stop receiving its ideas once it becomes staff-only."""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import PageViewRestriction

from ideation import services
from ideation.models import Audience
from tests.ideation.test_ideation_consumer import (
    RECEIVE_TIMEOUT,
    make_communicator,
    run_sync,
)
from tests.ideation.test_realtime_consumer import receive_until

SECRET_TITLE = "Projet réservé aux agents"


def make_staff_only(challenge) -> None:
    challenge.audience = Audience.STAFF
    challenge.save_revision().publish()


async def receive_texts_until_closed(communicator) -> tuple[list[str], dict | None]:
    """Return the texts received and the close event, or None when the socket
    stayed open for ``RECEIVE_TIMEOUT`` seconds without a message."""
    texts = []
    while True:
        if await communicator.receive_nothing(timeout=RECEIVE_TIMEOUT):
            return texts, None
        output = await communicator.receive_output()
        if output["type"] == "websocket.close":
            return texts, output
        texts.append(output.get("text") or "")


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_partner_socket_closed_when_challenge_becomes_staff_only(
    fresh_channel_layers, partner_challenge, partner, agent
):
    client = Client()
    await run_sync(client.force_login, partner)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    communicator = make_communicator(
        partner_challenge.board_key, session_key=session_key
    )
    connected, _subprotocol = await communicator.connect()
    assert connected
    await receive_until(communicator, "heartbeat")

    await run_sync(make_staff_only, partner_challenge)
    await run_sync(services.post_idea, agent, partner_challenge, SECRET_TITLE, "")
    texts, closed = await receive_texts_until_closed(communicator)

    assert not any(SECRET_TITLE in text for text in texts)
    assert closed is not None
    assert closed["code"] == 4003


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_anonymous_socket_closed_by_login_restriction(
    fresh_channel_layers, partner_challenge, agent
):
    # Signed-out visitors read only the challenges open to partners.
    board = partner_challenge
    communicator = make_communicator(board.board_key)
    connected, _subprotocol = await communicator.connect()
    assert connected
    await receive_until(communicator, "heartbeat")

    await run_sync(
        PageViewRestriction.objects.create,
        page=board,
        restriction_type=PageViewRestriction.LOGIN,
    )
    await run_sync(services.post_idea, agent, board, SECRET_TITLE, "")
    texts, closed = await receive_texts_until_closed(communicator)

    assert not any(SECRET_TITLE in text for text in texts)
    assert closed is not None
    assert closed["code"] == 4003
