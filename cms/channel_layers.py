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
import threading
import time

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

logger = logging.getLogger(__name__)


# Sends scheduled but not yet run. Past this many, the sending thread waits
# for the loop again, because the loop runs them back to back before a
# reader can empty its channel.
MAX_PENDING_SENDS = 100


class LocalChannelLayer(InMemoryChannelLayer):
    """The in-memory layer, plus group sends that do not wait for the loop."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The loop that last received from this layer: its queues belong to it.
        self.loop: asyncio.AbstractEventLoop | None = None
        self.pending_sends = 0
        self.pending_lock = threading.Lock()

    async def receive(self, channel):
        self.loop = asyncio.get_running_loop()
        return await super().receive(channel)

    def max_pending_sends(self) -> int:
        """Return the backlog limit: at most half a channel's capacity."""
        return max(1, min(MAX_PENDING_SENDS, self.capacity // 2))

    def group_send_soon(self, group: str, message: dict) -> bool:
        """Schedule a copy of ``message`` for ``group`` in the loop that
        reads this layer, and return True without waiting for it.

        Returns False when no running loop reads the layer, or when too many
        sends wait for the loop already, so the caller must use
        ``group_send``.
        """
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        loop = self.loop
        if loop is None or loop.is_closed() or not loop.is_running():
            return False
        with self.pending_lock:
            if self.pending_sends >= self.max_pending_sends():
                return False
            self.pending_sends += 1
        try:
            loop.call_soon_threadsafe(self.put_in_group, group, copy.deepcopy(message))
        except RuntimeError:
            # The loop closed after the check above.
            self.forget_pending_send()
            return False
        return True

    def forget_pending_send(self) -> None:
        with self.pending_lock:
            self.pending_sends -= 1

    def put_in_group(self, group: str, message: dict) -> None:
        """Put ``message`` in the queue of each channel of ``group``; run in
        the layer's loop.

        The first channel gets ``message`` itself, the others a copy. A full
        channel drops it, as with ``group_send``, and the drop is logged.
        """
        self.forget_pending_send()
        self._clean_expired()
        for number, channel in enumerate(list(self.groups.get(group, ()))):
            try:
                queue = self.channels.setdefault(
                    channel, asyncio.Queue(maxsize=self.get_capacity(channel))
                )
                item = message if number == 0 else copy.deepcopy(message)
                queue.put_nowait((time.time() + self.expiry, item))
            except asyncio.QueueFull:
                logger.warning(
                    "channel %s is full: a %s message to group %s was dropped",
                    channel,
                    message.get("type"),
                    group,
                )
            except Exception:
                logger.exception(
                    "channel %s: putting a %s message to group %s failed",
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
