"""The embedded default's channel layer, and group sends from sync code.

Views and signal receivers reach a Channels group with ``send_to_group``.
The usual way, ``async_to_sync(layer.group_send)``, makes the request's
thread wait until the event loop has run the send. On a busy loop (a vote
goes out to hundreds of sockets) each request then waits for its turn, and
the hop costs CPU on both threads.

``LocalChannelLayer`` is the in-memory layer of the embedded default. Its
queues live in the event loop that reads them, in this process, so a group
message from another thread only needs to be put in those queues by that
loop: ``group_send_soon`` schedules it there and returns at once. The
message then reaches the readers through their queues, as after
``group_send``. The Redis layer has no such method and keeps the usual way.
"""

import asyncio
import copy
import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

logger = logging.getLogger(__name__)


class LocalChannelLayer(InMemoryChannelLayer):
    """The in-memory layer, plus group sends that do not wait for the loop."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The loop that last received from this layer: its queues belong to it.
        self.loop: asyncio.AbstractEventLoop | None = None

    async def receive(self, channel):
        self.loop = asyncio.get_running_loop()
        return await super().receive(channel)

    def group_send_soon(self, group: str, message: dict) -> bool:
        """Schedule ``message`` for ``group`` in the loop that reads this
        layer and return True without waiting for it.

        Returns False when no running loop reads the layer, so the caller
        must use ``group_send``. The loop copies the message later, so the
        caller must not change it after this call.
        """
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        loop = self.loop
        if loop is None or loop.is_closed() or not loop.is_running():
            return False
        try:
            loop.call_soon_threadsafe(self.group_send_now, group, message)
        except RuntimeError:
            # The loop closed after the check above.
            return False
        return True

    def group_send_now(self, group: str, message: dict) -> None:
        """Put ``message`` in the queue of each channel of ``group``; run in
        the layer's loop. A full channel drops it, as with ``group_send``,
        and the drop is logged."""
        self._clean_expired()
        for channel in list(self.groups.get(group, ())):
            queue = self.channels.setdefault(
                channel, asyncio.Queue(maxsize=self.get_capacity(channel))
            )
            try:
                queue.put_nowait((time.time() + self.expiry, copy.deepcopy(message)))
            except asyncio.QueueFull:
                logger.warning(
                    "channel %s is full: a %s message to group %s was dropped",
                    channel,
                    message.get("type"),
                    group,
                )


def send_to_group(group: str, message: dict) -> bool:
    """Send ``message`` to ``group`` from sync code; return False when no
    channel layer is configured.

    With ``LocalChannelLayer`` and a running server, the message is only
    scheduled: it reaches the group's consumers once the event loop runs it.
    """
    layer = get_channel_layer()
    if layer is None:
        return False
    send_soon = getattr(layer, "group_send_soon", None)
    if send_soon is None or not send_soon(group, message):
        async_to_sync(layer.group_send)(group, message)
    return True
