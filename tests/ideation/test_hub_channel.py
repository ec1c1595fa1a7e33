"""The hub's channel keeps a burst of board messages on the real layer.

Both channel layers hold 100 messages per channel by default and drop the
next ones silently, so a hub that falls behind for a few seconds would lose
board messages and make every client of its process fetch the board again.
The test runs on the configured layer: in memory on the embedded default,
Redis when REDIS_URL is set.
"""

import asyncio
import uuid

import pytest
from channels.layers import get_channel_layer

from cms.env import HUB_CHANNEL_CAPACITY, HUB_CHANNEL_PREFIX
from ideation.realtime.hub import BoardHub
from tests.ideation.conftest import fresh_channel_layers  # noqa: F401


@pytest.mark.asyncio
async def test_hub_channel_keeps_a_burst_larger_than_the_default_capacity(
    fresh_channel_layers,  # noqa: F811
):
    layer = get_channel_layer()
    # 100 is both layers' default capacity per channel.
    burst = 300
    group = f"test-burst-{uuid.uuid4().hex}"
    channel = await layer.new_channel(prefix=HUB_CHANNEL_PREFIX)
    await layer.group_add(group, channel)

    for sequence in range(1, burst + 1):
        await layer.group_send(group, {"type": "test.burst", "sequence": sequence})
    # A dropped message would make the next receive wait forever.
    async with asyncio.timeout(30):
        received = [(await layer.receive(channel))["sequence"] for _ in range(burst)]

    await layer.group_discard(group, channel)
    assert received == list(range(1, burst + 1))


@pytest.mark.asyncio
async def test_hub_receives_on_the_channel_with_the_larger_capacity(
    fresh_channel_layers,  # noqa: F811
):
    layer = get_channel_layer()
    hub = BoardHub(layer)
    await hub.start()
    try:
        assert hub.channel_name.startswith(f"{HUB_CHANNEL_PREFIX}.")
        assert layer.get_capacity(hub.channel_name) >= HUB_CHANNEL_CAPACITY
    finally:
        await hub.close()
