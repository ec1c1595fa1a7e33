"""Per-process fan-out of the Smart Lab boards' live messages.

Stock Channels gives every socket a channel and adds it to the board's group,
so each change costs one channel-layer message per watcher. Here each worker
process keeps one channel of its own (``BoardHub``), added once to the group of
every board that has watchers in the process, and writes the fragment that
``broadcast`` rendered straight to its sockets: one channel-layer message per
process per change, and one prepared ``websocket.send`` event per language.

A ``WatchedBoard`` also:
- folds vote counts into at most one message every
  ``IDEATION_VOTE_COALESCE_MS`` and writes numbered messages in order
  (see ``batching``);
- sends the board's sequence as a heartbeat every
  ``IDEATION_HEARTBEAT_SECONDS`` and closes sockets whose client has been
  silent for three periods, because a dead network can leave a socket that
  looks open;
- keeps the presence count of the board (see ``presence``).

The hub also joins ``user.<id>`` for each signed-in person it serves, so that
``close_user_sockets`` reaches the process that holds their sockets.
"""

import asyncio
import logging
import os
import socket
import time
import uuid

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from .. import services
from ..broadcast import (
    BoardMessage,
    board_group_name,
    render_marker,
    render_vote_counts,
)
from ..errors import IdeationError
from .batching import CountBatch, PendingMessages
from .frames import FrameWriter
from .presence import LocalWatchers, client_address, make_presence_store

logger = logging.getLogger(__name__)

USER_DISCONNECT = "user.disconnect"
# A person got new notifications: their sockets get the new unread count.
USER_NOTIFIED = "user.notified"
PRESENCE_CHANGED = "presence.changed"
# A board's page or view restrictions changed: its sockets are checked again.
BOARD_ACCESS_CHANGED = "board.access_changed"

# Close code sent when the person signed out or was deactivated. board.js
# opens a new socket, whose handshake checks the permissions again.
CLOSE_SESSION_ENDED = 4001
# Close code sent to a socket whose person may no longer read the board, as
# after a failed resync.
CLOSE_NOT_READABLE = 4003
# Close code sent to a socket whose client sent nothing for three heartbeats.
CLOSE_CLIENT_SILENT = 4008
# Close code sent to the oldest socket of a person (or of an address, for
# visitors who are not signed in) who opened more than the process allows.
# board.js then shows a message to reload instead of reconnecting.
CLOSE_TOO_MANY_SOCKETS = 4029

# A message that arrives after a higher number waits this long for the
# missing one; workers commit and send independently, so order can flip.
# Writing past a hole makes every local client fetch the board over HTTP,
# so the wait covers a busy worker's late send. With 0.1 s, a 5-minute run
# on two loaded workers had 26 holes and 12,916 list fetches.
HOLE_WAIT_SECONDS = 1.0
# Presence changes are written and announced at most once per period.
PRESENCE_DEBOUNCE_SECONDS = 1.0
# Redis forgets group memberships after channels-redis' group_expiry (one day
# by default) and when it restarts, so the hub adds them again this often.
GROUP_REFRESH_SECONDS = 600
READ_RETRY_SECONDS = 1.0
# How long ``BoardHub.close`` waits for its cancelled tasks to end.
CLOSE_WAIT_SECONDS = 5.0


def get_coalesce_seconds() -> float:
    return getattr(settings, "IDEATION_VOTE_COALESCE_MS", 250) / 1000


def get_heartbeat_seconds() -> float:
    return float(getattr(settings, "IDEATION_HEARTBEAT_SECONDS", 25))


def get_socket_limit(consumer) -> tuple[str, int] | None:
    """Return the key that groups ``consumer`` with the other sockets of
    the same client, and how many of them the process keeps.

    Returns None for a visitor whose address the server did not give.
    """
    if consumer.user_id is not None:
        limit = getattr(settings, "IDEATION_MAX_SOCKETS_PER_PERSON", 30)
        return f"user:{consumer.user_id}", limit
    address = client_address(consumer)
    if address is None:
        return None
    limit = getattr(settings, "IDEATION_MAX_ANONYMOUS_SOCKETS_PER_ADDRESS", 200)
    return f"address:{address}", limit


def user_group_name(user_id: int) -> str:
    """Return the group that reaches every socket of one person."""
    return f"user.{user_id}"


def render_presence(count: int, language: str) -> str:
    """Render the presence marker: the count and its label in ``language``."""
    with translation.override(language):
        label = ngettext(
            "%(count)s person on this board", "%(count)s people on this board", count
        ) % {"count": count}
    return render_marker(0, "presence", count=count, label=label)


# In the thread pool, like the consumer's reads, so that heartbeats do not
# wait behind the sync views.
read_board_sequence = database_sync_to_async(
    services.get_board_sequence, thread_sensitive=False
)


def render_bell(count: int, language: str) -> str:
    """Render the bell marker: the unread count and its label in ``language``."""
    with translation.override(language):
        label = ngettext(
            "%(counter)s unread Smart Lab notification",
            "%(counter)s unread Smart Lab notifications",
            count,
        ) % {"counter": count}
    return render_marker(0, "bell", count=count, label=label)


def count_unread(user_id: int) -> int | None:
    """Return the person's unread count, or None when they are gone."""
    from django.contrib.auth import get_user_model

    from ..notifications import unread_count

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return None if user is None else unread_count(user)


read_unread_count = database_sync_to_async(count_unread, thread_sensitive=False)


def can_read(user, board_key) -> bool:
    try:
        services.get_board_by_key_for(user, board_key)
    except IdeationError:
        return False
    return True


check_readable = database_sync_to_async(can_read, thread_sensitive=False)


def websocket_text(text: str) -> dict:
    return {"type": "websocket.send", "text": text}


class WatchedBoard:
    """One board's local sockets and the state of its messages in a process."""

    def __init__(self, hub: "BoardHub", key: str) -> None:
        self.hub = hub
        self.key = key
        self.consumers: set = set()
        self.local = LocalWatchers()
        self.pending = PendingMessages()
        self.send_lock = asyncio.Lock()
        self.flush_handle: asyncio.TimerHandle | None = None
        self.last_count_flush = float("-inf")
        # Loop time at which the oldest unfilled hole was first seen.
        self.hole_since: float | None = None
        self.coalesce_seconds = get_coalesce_seconds()
        self.heartbeat_seconds = get_heartbeat_seconds()
        self.presence_count: int | None = None
        self.presence_task: asyncio.Task | None = None
        self.recount_task: asyncio.Task | None = None
        self.heartbeat_task: asyncio.Task | None = None

    def start(self) -> None:
        self.heartbeat_task = asyncio.create_task(self.send_heartbeats())

    def stop(self) -> None:
        for task in (self.heartbeat_task, self.presence_task, self.recount_task):
            if task is not None:
                task.cancel()
        if self.flush_handle is not None:
            self.flush_handle.cancel()

    # Numbered messages

    async def receive(self, message: BoardMessage) -> None:
        """Queue a numbered message and write it now or when its time comes."""
        if not self.pending.add(message):
            logger.debug(
                "board %s: message %s arrived after a later one was written",
                self.key,
                message["sequence"],
            )
            return
        now = asyncio.get_running_loop().time()
        if not self.pending.is_contiguous():
            if self.hole_since is None:
                self.hole_since = now
            self.schedule_flush(self.hole_since + HOLE_WAIT_SECONDS)
            return
        self.hole_since = None
        immediate = "counts" not in message
        next_count_flush = self.last_count_flush + self.coalesce_seconds
        if immediate or now >= next_count_flush:
            await self.flush()
        else:
            self.schedule_flush(next_count_flush)

    def schedule_flush(self, when: float) -> None:
        loop = asyncio.get_running_loop()
        if self.flush_handle is not None:
            if self.flush_handle.when() <= when:
                return
            self.flush_handle.cancel()
        self.flush_handle = loop.call_at(
            when, lambda: asyncio.ensure_future(self.flush())
        )

    async def flush(self) -> None:
        """Write every pending message in order, vote counts folded."""
        if self.flush_handle is not None:
            self.flush_handle.cancel()
            self.flush_handle = None
        async with self.send_lock:
            deadline = (self.hole_since or 0.0) + HOLE_WAIT_SECONDS
            waiting = (
                not self.pending.is_contiguous()
                and self.hole_since is not None
                and asyncio.get_running_loop().time() < deadline
            )
            if waiting:
                # A count flush came due while a number is still missing:
                # write what precedes the hole and keep waiting for it.
                end = self.pending.contiguous_end()
                outgoing = [] if end is None else self.pending.take(up_to=end)
                self.schedule_flush(deadline)
            else:
                if not self.pending.is_contiguous():
                    # Each local client then detects the hole and fetches the board.
                    logger.warning(
                        "board %s: process %s writes past a missing message "
                        "after %s s (last written %s, pending %s)",
                        self.key,
                        self.hub.process_id,
                        HOLE_WAIT_SECONDS,
                        self.pending.forwarded,
                        sorted(self.pending.messages)[:5],
                    )
                self.hole_since = None
                outgoing = self.pending.take()
            for item in outgoing:
                if isinstance(item, CountBatch):
                    self.last_count_flush = asyncio.get_running_loop().time()
                    text = render_vote_counts(item.counts, item.first, item.last)
                    await self.send_to_all(text)
                else:
                    await self.send_to_all(item["html"])

    async def send_to_all(self, html: str | dict[str, str]) -> None:
        """Write a fragment to every local socket, in each socket's language.

        Under daphne each language's frame is built once (see ``frames``).
        """
        texts = {None: html} if isinstance(html, str) else dict(html)
        default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in texts else None
        if default not in texts:
            default = next(iter(texts))
        writer = FrameWriter(texts)
        events: dict = {}
        for consumer in list(self.consumers):
            code = consumer.language if consumer.language in texts else default
            try:
                # Daphne sockets are written in this loop, without a
                # coroutine per socket; others get the standard event.
                if writer.write_now(consumer, code):
                    continue
                event = events.get(code)
                if event is None:
                    event = events[code] = websocket_text(texts[code])
                await consumer.base_send(event)
            except Exception:
                logger.exception(
                    "board %s: writing to socket %s failed", self.key, id(consumer)
                )

    # Heartbeats

    async def send_heartbeats(self) -> None:
        """Send the sequence, close silent sockets and refresh the presence
        entry, once per heartbeat period."""
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            try:
                sequence = await read_board_sequence(self.key)
                await self.send_to_all(render_marker(sequence, "heartbeat"))
                self.close_silent_sockets()
                await self.publish_presence()
                await self.recount_presence()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("board %s: heartbeat failed", self.key)

    def close_silent_sockets(self) -> None:
        deadline = time.monotonic() - 3 * self.heartbeat_seconds
        for consumer in list(self.consumers):
            if consumer.last_client_message_at < deadline:
                logger.info(
                    "board %s: closing socket %s, silent since %.0f s",
                    self.key,
                    id(consumer),
                    time.monotonic() - consumer.last_client_message_at,
                )
                asyncio.ensure_future(self.drop_silent_socket(consumer))

    async def drop_silent_socket(self, consumer) -> None:
        """Close a silent socket and forget it, even if it never disconnects.

        A consumer that the server killed (for example during a burst of
        handshakes) never runs ``disconnect``, so waiting for it would leave
        a phantom watcher in the presence count for good.
        """
        try:
            await consumer.close(code=CLOSE_CLIENT_SILENT)
        except Exception:  # noqa: BLE001 - the socket may already be gone
            logger.debug("board %s: socket %s already closed", self.key, id(consumer))
        await self.hub.leave(self.key, consumer)

    async def close_unreadable_sockets(self) -> None:
        """Close the sockets whose person may no longer read the board."""
        for consumer in list(self.consumers):
            if await check_readable(consumer.scope.get("user"), self.key):
                continue
            logger.info(
                "board %s: closing socket %s, board no longer readable",
                self.key,
                id(consumer),
            )
            await consumer.close(code=CLOSE_NOT_READABLE)

    # Presence

    def presence_changed(self) -> None:
        """Write this process's watchers and tell the other processes,
        at most once per PRESENCE_DEBOUNCE_SECONDS."""
        if self.presence_task is None or self.presence_task.done():
            self.presence_task = asyncio.create_task(self.announce_presence())

    async def announce_presence(self) -> None:
        await asyncio.sleep(PRESENCE_DEBOUNCE_SECONDS)
        try:
            await self.publish_presence()
            await self.hub.group_send(
                board_group_name(self.key),
                {"type": PRESENCE_CHANGED, "board": self.key},
            )
        except Exception:
            logger.exception("board %s: presence update failed", self.key)

    async def publish_presence(self) -> None:
        ttl = 3 * self.heartbeat_seconds
        entry = self.local.to_entry(time.time() + ttl)
        await self.hub.presence.publish(self.key, self.hub.process_id, entry, ttl)

    def schedule_recount(self) -> None:
        if self.recount_task is None or self.recount_task.done():
            self.recount_task = asyncio.create_task(self.recount_presence())

    async def recount_presence(self) -> None:
        try:
            count = await self.hub.presence.count(self.key)
        except Exception:
            logger.exception("board %s: presence count failed", self.key)
            return
        if count == self.presence_count:
            return
        self.presence_count = count
        html = {code: render_presence(count, code) for code, _ in settings.LANGUAGES}
        await self.send_to_all(html)

    async def send_presence_to(self, consumer) -> None:
        """Tell a new socket the last known count, before the next recount."""
        if self.presence_count is None:
            return
        text = render_presence(self.presence_count, consumer.language)
        await consumer.base_send(websocket_text(text))


class BoardHub:
    """The boards and people watched through this process's sockets."""

    def __init__(self, layer) -> None:
        self.layer = layer
        self.process_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.channel_name: str | None = None
        self.boards: dict[str, WatchedBoard] = {}
        self.users: dict[int, set] = {}
        # The sockets of each client (``get_socket_limit``), oldest first.
        self.clients: dict[str, dict] = {}
        self.lock = asyncio.Lock()
        self.reader_task: asyncio.Task | None = None
        self.refresh_task: asyncio.Task | None = None
        self.presence = make_presence_store()

    async def join(self, board_key, consumer) -> WatchedBoard:
        """Register a socket of ``board_key``; subscribe the process if first."""
        key = str(board_key)
        user_id = consumer.user_id
        async with self.lock:
            await self.start()
            board = self.boards.get(key)
            if board is None:
                board = WatchedBoard(self, key)
                self.boards[key] = board
                await self.group_add(board_group_name(key))
                board.start()
                logger.info("process %s subscribed to board %s", self.process_id, key)
            board.consumers.add(consumer)
            board.local.add(user_id, client_address(consumer))
            if user_id is not None:
                sockets = self.users.setdefault(user_id, set())
                if not sockets:
                    await self.group_add(user_group_name(user_id))
                sockets.add(consumer)
            evicted = self.count_client_socket(consumer)
        for old in evicted:
            asyncio.ensure_future(old.close(code=CLOSE_TOO_MANY_SOCKETS))
        board.presence_changed()
        await board.send_presence_to(consumer)
        return board

    def count_client_socket(self, consumer) -> list:
        """Record a new socket of its client; return the client's oldest
        sockets beyond the limit, which the caller closes."""
        found = get_socket_limit(consumer)
        if found is None:
            return []
        client, limit = found
        sockets = self.clients.setdefault(client, {})
        sockets[consumer] = None
        excess = len(sockets) - max(limit, 1)
        if excess <= 0:
            return []
        evicted = list(sockets)[:excess]
        for old in evicted:
            del sockets[old]
        # A visitor's address stays out of the log (docs/privacy.md).
        label = client if consumer.user_id is not None else "a visitor address"
        logger.warning(
            "process %s: %s has more than %s sockets; closing the oldest %s",
            self.process_id,
            label,
            limit,
            excess,
        )
        return evicted

    def forget_client_socket(self, consumer) -> None:
        found = get_socket_limit(consumer)
        if found is None:
            return
        sockets = self.clients.get(found[0])
        if sockets is None:
            return
        sockets.pop(consumer, None)
        if not sockets:
            del self.clients[found[0]]

    async def leave(self, board_key, consumer) -> None:
        """Forget a closed socket; unsubscribe the process from what no
        local socket watches any more."""
        key = str(board_key)
        user_id = consumer.user_id
        async with self.lock:
            board = self.boards.get(key)
            if board is None or consumer not in board.consumers:
                return
            board.consumers.discard(consumer)
            board.local.remove(user_id, client_address(consumer))
            self.forget_client_socket(consumer)
            if user_id is not None:
                sockets = self.users.get(user_id, set())
                sockets.discard(consumer)
                if not sockets:
                    self.users.pop(user_id, None)
                    await self.group_discard(user_group_name(user_id))
            if board.consumers:
                board.presence_changed()
                return
            board.stop()
            del self.boards[key]
            await self.group_discard(board_group_name(key))
            logger.info("process %s left board %s", self.process_id, key)
        await self.forget_presence(key)

    async def send_presence(self, board_key, consumer) -> None:
        """Send the board's last known count to one of its local sockets."""
        board = self.boards.get(str(board_key))
        if board is not None and consumer in board.consumers:
            await board.send_presence_to(consumer)

    async def forget_presence(self, key: str) -> None:
        try:
            await self.presence.remove(key, self.process_id)
            await self.group_send(
                board_group_name(key), {"type": PRESENCE_CHANGED, "board": key}
            )
        except Exception:
            logger.exception("board %s: removing presence entry failed", key)

    # Channel layer

    async def start(self) -> None:
        if self.layer is None or self.reader_task is not None:
            return
        self.channel_name = await self.layer.new_channel()
        self.reader_task = asyncio.create_task(self.read())
        self.refresh_task = asyncio.create_task(self.refresh_groups())

    async def group_add(self, group: str) -> None:
        if self.layer is not None:
            await self.layer.group_add(group, self.channel_name)

    async def group_discard(self, group: str) -> None:
        if self.layer is not None:
            await self.layer.group_discard(group, self.channel_name)

    async def group_send(self, group: str, message: dict) -> None:
        if self.layer is not None:
            await self.layer.group_send(group, message)

    def groups(self) -> list[str]:
        return [board_group_name(key) for key in self.boards] + [
            user_group_name(user_id) for user_id in self.users
        ]

    async def read(self) -> None:
        """Receive the process channel's messages and hand them out."""
        while True:
            try:
                message = await self.layer.receive(self.channel_name)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception(
                    "process %s: reading channel %s failed; retrying",
                    self.process_id,
                    self.channel_name,
                )
                await asyncio.sleep(READ_RETRY_SECONDS)
                await self.rejoin_after_error()
                continue
            try:
                await self.dispatch(message)
            except Exception:
                logger.exception(
                    "process %s: handling a %s message failed",
                    self.process_id,
                    message.get("type"),
                )

    async def rejoin_after_error(self) -> None:
        """Add the memberships again (Redis may have restarted empty) and
        make clients compare their sequence with the database's."""
        try:
            for group in self.groups():
                await self.group_add(group)
        except Exception:
            logger.exception("process %s: rejoining groups failed", self.process_id)
            return
        for board in list(self.boards.values()):
            sequence = await read_board_sequence(board.key)
            await board.send_to_all(render_marker(sequence, "heartbeat"))

    async def refresh_groups(self) -> None:
        while True:
            await asyncio.sleep(GROUP_REFRESH_SECONDS)
            try:
                for group in self.groups():
                    await self.group_add(group)
            except Exception:
                logger.exception(
                    "process %s: refreshing groups failed", self.process_id
                )

    async def dispatch(self, message: dict) -> None:
        message_type = message.get("type")
        if message_type == USER_DISCONNECT:
            self.close_user(int(message["user_id"]))
            return
        if message_type == USER_NOTIFIED:
            await self.refresh_bell(int(message["user_id"]))
            return
        board = self.boards.get(str(message.get("board")))
        if board is None:
            return  # the last local socket of the board closed meanwhile
        if message_type == PRESENCE_CHANGED:
            board.schedule_recount()
        elif message_type == BOARD_ACCESS_CHANGED:
            await board.close_unreadable_sockets()
        elif "sequence" in message and "html" in message:
            await board.receive(message)
        else:
            logger.warning(
                "board %s: unknown message type %r ignored", board.key, message_type
            )

    async def refresh_bell(self, user_id: int) -> None:
        """Send the person's new unread count to each of their local sockets."""
        sockets = list(self.users.get(user_id, ()))
        if not sockets:
            return
        count = await read_unread_count(user_id)
        if count is None:
            return
        for consumer in sockets:
            try:
                await consumer.base_send(
                    websocket_text(render_bell(count, consumer.language))
                )
            except Exception:
                logger.exception(
                    "user %s: writing the unread count to socket %s failed",
                    user_id,
                    id(consumer),
                )
        logger.debug(
            "user %s: unread count %s sent to %s sockets", user_id, count, len(sockets)
        )

    def close_user(self, user_id: int) -> None:
        sockets = list(self.users.get(user_id, ()))
        for consumer in sockets:
            asyncio.ensure_future(consumer.close(code=CLOSE_SESSION_ENDED))
        if sockets:
            logger.info(
                "process %s: closing %s sockets of user %s",
                self.process_id,
                len(sockets),
                user_id,
            )

    async def close(self) -> None:
        """Stop every task and wait for them to end.

        Tests call this, because each test runs in a new loop.

        A task left running is cancelled by the loop's teardown instead,
        where nothing reports a task that does not end.
        """
        tasks = [self.reader_task, self.refresh_task]
        for board in self.boards.values():
            board.stop()
            tasks += [board.heartbeat_task, board.presence_task, board.recount_task]
        tasks = [task for task in tasks if task is not None and not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=CLOSE_WAIT_SECONDS)
            if pending:
                logger.warning(
                    "process %s: %s tasks still running %s s after cancelling",
                    self.process_id,
                    len(pending),
                    CLOSE_WAIT_SECONDS,
                )
        await self.presence.close()


# The hub of the current event loop: (loop, hub), replaced when either changes.
_current: list = [None, None]


def running_hub() -> BoardHub | None:
    """Return the running loop's hub if one was made, without making one."""
    current_loop, hub = _current
    if hub is None or current_loop is not asyncio.get_running_loop():
        return None
    return hub


def get_hub() -> BoardHub:
    """Return the hub of the running event loop and current channel layer.

    A server process runs one loop, so it has one hub. Tests run a loop per
    test and may replace the channel layer, which gives them a new hub.
    """
    loop = asyncio.get_running_loop()
    layer = get_channel_layer()
    current_loop, hub = _current
    if hub is None or current_loop is not loop or hub.layer is not layer:
        hub = BoardHub(layer)
        _current[:] = [loop, hub]
    return hub
