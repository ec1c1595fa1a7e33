"""Live messages of comments and phases reach a socket through the consumer."""

import pytest

from ideation import challenges, comments
from ideation.models import Phase
from tests.ideation.test_ideation_consumer import make_communicator, run_sync
from tests.ideation.test_realtime_consumer import receive_until


@pytest.fixture
def board(partner_challenge):
    """The board these sockets watch: several connect signed out, and
    signed-out visitors read only the challenges open to partners."""
    return partner_challenge


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_comment_reaches_watching_socket(
    fresh_channel_layers, board, idea, agent
):
    communicator = make_communicator(board.board_key)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")

    comment = await run_sync(comments.post_comment, agent, idea.pk, "En direct")

    message = await receive_until(communicator, "comment.posted")
    assert f'id="comment-{comment.pk}"' in message
    assert "En direct" in message
    await communicator.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_phase_change_reaches_watching_socket(
    fresh_channel_layers, partner_challenge, facilitator
):
    communicator = make_communicator(partner_challenge.board_key)
    await communicator.connect()
    await receive_until(communicator, "heartbeat")

    await run_sync(challenges.set_phase, facilitator, partner_challenge, Phase.VOTING)

    message = await receive_until(communicator, "challenge.phase_changed")
    assert 'data-phase="voting"' in message
    await communicator.disconnect()
