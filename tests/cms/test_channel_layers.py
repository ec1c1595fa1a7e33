"""Group sends from sync code on the embedded default's channel layer.

These tests install their own ``LocalChannelLayer``, so they also run when
REDIS_URL selects Redis for the rest of the suite.
"""

import asyncio
import logging
import threading

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import channel_layers

from cms.channel_layers import LocalChannelLayer, send_to_group

# A receive that takes longer than this did not get its message.
RECEIVE_TIMEOUT_SECONDS = 10
# How long the blocked loop waits for the sending thread before giving up.
BLOCKED_LOOP_SECONDS = 5
GROUP = "tests.group"


@pytest.fixture
def local_layer():
    """Install a new ``LocalChannelLayer`` as the default layer."""
    saved = channel_layers.backends
    layer = LocalChannelLayer(capacity=20)
    channel_layers.backends = {"default": layer}
    yield layer
    channel_layers.backends = saved


@pytest.fixture
def group_sends(local_layer):
    """Record the groups that went through the layer's ``group_send``, the
    path that makes the sending thread wait."""
    groups = []
    original = local_layer.group_send

    async def recording_group_send(group, message):
        groups.append(group)
        await original(group, message)

    local_layer.group_send = recording_group_send
    return groups


async def join_and_read(layer) -> str:
    """Return a new channel of ``GROUP`` after one receive on it, which binds
    the layer to the running loop."""
    channel = await layer.new_channel()
    await layer.group_add(GROUP, channel)
    await layer.send(channel, {"type": "test.warm_up"})
    assert (await layer.receive(channel))["type"] == "test.warm_up"
    return channel


@pytest_asyncio.fixture
async def reading_channel(local_layer):
    """A channel of ``GROUP`` whose layer is bound to the test's loop."""
    return await join_and_read(local_layer)


async def receive(layer, channel) -> dict:
    async with asyncio.timeout(RECEIVE_TIMEOUT_SECONDS):
        return await layer.receive(channel)


@pytest.mark.asyncio
async def test_thread_send_reaches_group_channel(
    local_layer, reading_channel, group_sends
):
    message = {"type": "test.message", "value": 1}

    sent = await asyncio.to_thread(send_to_group, GROUP, message)

    assert sent is True
    assert await receive(local_layer, reading_channel) == message
    assert group_sends == []


@pytest.mark.asyncio
async def test_burst_arrives_whole_in_order(local_layer, reading_channel):
    """A view sending many messages at once, ten times the channel's
    capacity, while a consumer reads: the backlog limit makes the view wait
    for the loop before the channel overflows."""
    burst = 10 * local_layer.capacity

    def view():
        for number in range(burst):
            send_to_group(GROUP, {"type": "test.burst", "number": number})

    async def read_all():
        return [
            (await receive(local_layer, reading_channel))["number"]
            for _ in range(burst)
        ]

    reader = asyncio.ensure_future(read_all())
    await sync_to_async(view, thread_sensitive=False)()
    received = await reader

    assert received == list(range(burst))
    assert local_layer.pending_sends == 0


@pytest.mark.asyncio
async def test_failed_put_logs_and_reaches_others(local_layer, reading_channel, caplog):
    class BrokenQueue:
        def empty(self):
            return True

        def put_nowait(self, item):
            raise RuntimeError("broken queue")

    # Joined first, so the put that fails comes before the good channel's.
    broken = await local_layer.new_channel()
    local_layer.channels[broken] = BrokenQueue()
    members = local_layer.groups[GROUP]
    local_layer.groups[GROUP] = {broken: members[reading_channel], **members}

    with caplog.at_level(logging.ERROR, logger="cms.channel_layers"):
        await asyncio.to_thread(send_to_group, GROUP, {"type": "test.message"})
        message = await receive(local_layer, reading_channel)

    assert message == {"type": "test.message"}
    assert broken in caplog.text
    assert "broken queue" in caplog.text


@pytest.mark.asyncio
async def test_request_thread_send_returns_while_loop_is_busy(
    local_layer, reading_channel
):
    """A view's thread (started by ``sync_to_async``, as Django's ASGI
    handler does) does not wait for the loop. ``async_to_sync`` would make
    it wait until the blocked loop gave up."""
    returned = threading.Event()

    def view():
        send_to_group(GROUP, {"type": "test.message"})
        returned.set()

    task = asyncio.ensure_future(sync_to_async(view, thread_sensitive=False)())
    # One turn of the loop starts the view's thread.
    await asyncio.sleep(0)
    # Waiting here blocks the loop's thread: it runs nothing else until the
    # view has returned or the wait gives up.
    seen_in_time = returned.wait(BLOCKED_LOOP_SECONDS)
    await task

    assert seen_in_time
    assert (await receive(local_layer, reading_channel))["type"] == "test.message"


@pytest.mark.asyncio
async def test_message_is_copied_for_each_channel(local_layer, reading_channel):
    other = await local_layer.new_channel()
    await local_layer.group_add(GROUP, other)
    message = {"type": "test.message", "html": {"fr": "<p>Bonjour</p>"}}

    await asyncio.to_thread(send_to_group, GROUP, message)
    first = await receive(local_layer, reading_channel)
    second = await receive(local_layer, other)

    assert first == second == message
    assert first["html"] is not second["html"]
    assert first["html"] is not message["html"]


@pytest.mark.asyncio
async def test_full_channel_drops_message_with_log(
    local_layer, reading_channel, caplog
):
    for number in range(local_layer.capacity):
        await local_layer.send(reading_channel, {"type": "test.fill", "n": number})

    with caplog.at_level(logging.WARNING, logger="cms.channel_layers"):
        await asyncio.to_thread(send_to_group, GROUP, {"type": "test.extra"})
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    received = [
        (await receive(local_layer, reading_channel))["type"]
        for _ in range(local_layer.capacity)
    ]
    assert received == ["test.fill"] * local_layer.capacity
    assert reading_channel in caplog.text
    assert "test.extra" in caplog.text


def test_send_without_running_loop_uses_group_send(local_layer):
    """Before any consumer reads, the message still reaches the group's
    queues, through ``async_to_sync``."""

    async def join():
        channel = await local_layer.new_channel()
        await local_layer.group_add(GROUP, channel)
        return channel

    channel = asyncio.run(join())
    assert local_layer.loop is None

    send_to_group(GROUP, {"type": "test.message"})

    assert asyncio.run(receive(local_layer, channel)) == {"type": "test.message"}


def test_send_after_loop_closed_uses_group_send(local_layer):
    channel = asyncio.run(join_and_read(local_layer))
    assert local_layer.loop is not None and local_layer.loop.is_closed()

    send_to_group(GROUP, {"type": "test.message"})

    assert asyncio.run(receive(local_layer, channel)) == {"type": "test.message"}


def test_send_while_loop_stopped_uses_group_send(local_layer):
    """A loop that read the layer and then stopped, without closing, would
    keep a scheduled message until it runs again, maybe never."""
    stopped = asyncio.new_event_loop()
    try:
        channel = stopped.run_until_complete(join_and_read(local_layer))
        assert local_layer.loop is stopped

        send_to_group(GROUP, {"type": "test.message"})

        assert asyncio.run(receive(local_layer, channel)) == {"type": "test.message"}
    finally:
        stopped.close()


def test_send_without_layer_returns_false(settings):
    saved = channel_layers.backends
    settings.CHANNEL_LAYERS = {}
    channel_layers.backends = {}
    try:
        assert send_to_group(GROUP, {"type": "test.message"}) is False
    finally:
        channel_layers.backends = saved


def test_invalid_group_name_is_rejected(local_layer):
    with pytest.raises(TypeError):
        local_layer.group_send_soon("not a valid group!", {"type": "test.message"})
