"""The per-process hub: one channel-layer subscription per process and board."""

import asyncio
import logging
import re
import time

import pytest
from channels.layers import InMemoryChannelLayer

from ideation.broadcast import BoardMessage, board_group_name
from ideation.realtime.hub import (
    CLOSE_SESSION_ENDED,
    HOLE_WAIT_SECONDS,
    USER_DISCONNECT,
    BoardHub,
    user_group_name,
)

BOARD = "0b5c2a56-3d7e-4f0e-9a51-1e1f3c0b9d10"


class FakeConsumer:
    """The part of BoardConsumer that the hub uses."""

    def __init__(self, language="fr", user_id=None):
        self.language = language
        self.user_id = user_id
        self.scope = {"client": ("127.0.0.1", 50_000)}
        self.last_client_message_at = time.monotonic()
        self.sent: list[str] = []
        self.closed_with: int | None = None

    async def base_send(self, event):
        self.sent.append(event["text"])

    async def close(self, code=None):
        self.closed_with = code

    def board_messages(self) -> list[str]:
        return [text for text in self.sent if 'data-event="presence"' not in text]


def posted(sequence: int) -> dict:
    message = BoardMessage(
        type="idea.posted",
        sequence=sequence,
        html={"fr": f"carte {sequence}", "en": f"card {sequence}"},
    )
    return {**message, "board": BOARD}


def counts(sequence: int, values: dict[int, int]) -> dict:
    message = BoardMessage(
        type="idea.votes_changed",
        sequence=sequence,
        html="",
        counts={str(idea): count for idea, count in values.items()},
    )
    return {**message, "board": BOARD}


def written_sequences(watcher: FakeConsumer) -> list[int]:
    """Return the last number of each message the watcher got, in order."""
    found = []
    for text in watcher.board_messages():
        # Idea cards here read "carte N"; count batches carry a marker.
        match = re.search(r'data-sequence="(\d+)"|carte (\d+)', text)
        found.append(int(match.group(1) or match.group(2)) if match else text)
    return found


async def settle(seconds: float = 0.05) -> None:
    await asyncio.sleep(seconds)


@pytest.fixture
def layer():
    return InMemoryChannelLayer()


@pytest.mark.asyncio
async def test_hub_subscribes_once_per_process(layer):
    hub = BoardHub(layer)
    consumers = [FakeConsumer() for _ in range(50)]

    for consumer in consumers:
        await hub.join(BOARD, consumer)

    assert len(layer.groups[board_group_name(BOARD)]) == 1
    await hub.close()


@pytest.mark.asyncio
async def test_hub_two_processes_each_write_once(layer):
    first_hub, second_hub = BoardHub(layer), BoardHub(layer)
    first_watchers = [FakeConsumer("fr"), FakeConsumer("en")]
    second_watchers = [FakeConsumer("fr")]
    for consumer in first_watchers:
        await first_hub.join(BOARD, consumer)
    for consumer in second_watchers:
        await second_hub.join(BOARD, consumer)

    await layer.group_send(board_group_name(BOARD), posted(1))
    await settle()

    assert len(layer.groups[board_group_name(BOARD)]) == 2
    assert first_watchers[0].board_messages() == ["carte 1"]
    assert first_watchers[1].board_messages() == ["card 1"]
    assert second_watchers[0].board_messages() == ["carte 1"]
    await first_hub.close()
    await second_hub.close()


@pytest.mark.asyncio
async def test_hub_writes_out_of_order_messages_in_order(layer):
    hub = BoardHub(layer)
    watcher = FakeConsumer()
    await hub.join(BOARD, watcher)
    await layer.group_send(board_group_name(BOARD), posted(1))
    await settle()

    await layer.group_send(board_group_name(BOARD), posted(3))
    await layer.group_send(board_group_name(BOARD), posted(2))
    await settle(0.3)

    assert watcher.board_messages() == ["carte 1", "carte 2", "carte 3"]
    await hub.close()


@pytest.mark.asyncio
async def test_hub_drops_message_after_hole_wait(layer, caplog):
    """A number that arrives after the hub wrote a higher one is dropped.

    Numbers follow commit order (``next_sequence`` runs in the changing
    transaction). The client that received 3 right after 1 detects the hole,
    fetches the board again and gets 2's change from the database. Writing 2
    now would put an older state over a newer one.
    """
    hub = BoardHub(layer)
    watcher = FakeConsumer()
    await hub.join(BOARD, watcher)
    await layer.group_send(board_group_name(BOARD), posted(1))
    await settle()

    with caplog.at_level(logging.WARNING, logger="ideation.realtime.hub"):
        await layer.group_send(board_group_name(BOARD), posted(3))
        await settle(HOLE_WAIT_SECONDS * 3)
    assert watcher.board_messages() == ["carte 1", "carte 3"]
    assert f"board {BOARD}: process" in caplog.text
    assert "writes past a missing message" in caplog.text

    await layer.group_send(board_group_name(BOARD), posted(2))
    await settle()

    assert watcher.board_messages() == ["carte 1", "carte 3"]
    await hub.close()


@pytest.mark.asyncio
async def test_hub_unsubscribes_after_last_socket(layer):
    hub = BoardHub(layer)
    watcher = FakeConsumer(user_id=7)
    await hub.join(BOARD, watcher)

    await hub.leave(BOARD, watcher)

    assert not layer.groups.get(board_group_name(BOARD))
    assert not layer.groups.get(user_group_name(7))
    assert hub.boards == {}
    await hub.close()


@pytest.mark.asyncio
async def test_hub_closes_sockets_of_one_user(layer):
    hub = BoardHub(layer)
    leaving = FakeConsumer(user_id=7)
    staying = FakeConsumer(user_id=8)
    await hub.join(BOARD, leaving)
    await hub.join(BOARD, staying)

    await layer.group_send(user_group_name(7), {"type": USER_DISCONNECT, "user_id": 7})
    await settle()

    assert leaving.closed_with == CLOSE_SESSION_ENDED
    assert staying.closed_with is None
    await hub.close()


@pytest.mark.asyncio
async def test_hub_count_flush_waits_for_a_missing_number(layer, settings):
    """A count batch that comes due does not write past a hole before the
    hole's wait is over, which would send every client to fetch the board."""
    settings.IDEATION_VOTE_COALESCE_MS = 200
    hub = BoardHub(layer)
    watcher = FakeConsumer()
    await hub.join(BOARD, watcher)
    group = board_group_name(BOARD)
    await layer.group_send(group, posted(1))
    await layer.group_send(group, counts(2, {7: 1}))
    await settle()
    # 3 waits for the next count flush; 5 arrives before 4.
    await layer.group_send(group, counts(3, {7: 2}))
    await layer.group_send(group, counts(5, {8: 1}))

    await settle(0.4)
    assert written_sequences(watcher) == [1, 2, 3]

    await layer.group_send(group, posted(4))
    await settle()
    assert written_sequences(watcher) == [1, 2, 3, 4, 5]
    await hub.close()
