"""The hub's channel on the real layer: in memory on the embedded default,
Redis when REDIS_URL is set.

Both layers hold 100 messages per channel by default and drop the rest
without an error. A hub that falls behind for a few seconds would then lose
board messages, and every client of its process would fetch the board.
"""

import asyncio
import uuid

import pytest
from channels.layers import get_channel_layer

from cms.env import CHANNEL_CAPACITY
from home.views import _check_channel_layer
from ideation.realtime.hub import BoardHub
from tests.ideation.conftest import fresh_channel_layers  # noqa: F401

# A received message that takes longer than this was not delivered.
RECEIVE_TIMEOUT_SECONDS = 30


@pytest.mark.asyncio
async def test_channel_keeps_large_burst(fresh_channel_layers):  # noqa: F811
    layer = get_channel_layer()
    # 100 is both layers' default capacity per channel.
    burst = 300
    group = f"test-burst-{uuid.uuid4().hex}"
    channel = await layer.new_channel()
    await layer.group_add(group, channel)

    for sequence in range(1, burst + 1):
        await layer.group_send(group, {"type": "test.burst", "sequence": sequence})
    # A dropped message would make the next receive wait forever.
    async with asyncio.timeout(RECEIVE_TIMEOUT_SECONDS):
        received = [(await layer.receive(channel))["sequence"] for _ in range(burst)]

    await layer.group_discard(group, channel)
    assert received == list(range(1, burst + 1))


@pytest.mark.asyncio
async def test_hub_channel_has_large_capacity(fresh_channel_layers):  # noqa: F811
    layer = get_channel_layer()
    hub = BoardHub(layer)
    await hub.start()
    try:
        assert layer.get_capacity(hub.channel_name) >= CHANNEL_CAPACITY
    finally:
        await hub.close()


@pytest.mark.asyncio
async def test_health_check_passes_while_hub_reads(fresh_channel_layers):  # noqa: F811
    """Other channels of the process still receive while the hub waits.

    channels-redis reads one Redis list per prefix, under one lock per
    process. A hub on a prefix of its own kept that lock, so /healthz and the
    kiosk's channels of the same worker never got their messages.
    """
    layer = get_channel_layer()
    hub = BoardHub(layer)
    await hub.start()
    # Let the hub's reader start waiting for its first message.
    await asyncio.sleep(0.5)
    try:
        async with asyncio.timeout(RECEIVE_TIMEOUT_SECONDS):
            await _check_channel_layer()
    finally:
        await hub.close()
