"""WebSocket consumer of the live Smart Lab boards.

A socket watches one board, identified by its ``board_key`` so that the French
and English pages share it. Anyone who may read the board may watch it: the
messages contain only what the board page shows to every reader, never a
person's own vote, so a socket left open after sign-out reveals nothing.
"""

import asyncio
import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from . import services
from .broadcast import BoardMessage, board_group_name, render_marker
from .errors import IdeationError

logger = logging.getLogger(__name__)

# Clients treat about 60 s without any message as a dead socket, so the
# heartbeat period leaves room for one lost heartbeat and a slow network.
HEARTBEAT_SECONDS = 25

# Client messages are small JSON objects; anything larger is ignored.
MAX_CLIENT_MESSAGE_BYTES = 1024


@database_sync_to_async
def check_board_readable(user, board_key) -> None:
    services.get_board_by_key_for(user, board_key)


@database_sync_to_async
def get_board_sequence(board_key) -> int:
    return services.get_board_sequence(board_key)


class BoardConsumer(AsyncJsonWebsocketConsumer):
    """Forward a board's live messages to one socket, in the socket's language."""

    async def connect(self):
        self.board_key = self.scope["url_route"]["kwargs"]["board_key"]
        self.group_name = board_group_name(self.board_key)
        self.language = settings.LANGUAGE_CODE
        self.heartbeat_task = None
        try:
            await check_board_readable(self.scope.get("user"), self.board_key)
        except IdeationError:
            logger.info("socket rejected: board %s not readable", self.board_key)
            await self.close()
            return
        # Join before the first heartbeat reads the sequence, so no message
        # numbered after that read can be missed.
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        self.heartbeat_task = asyncio.create_task(self.send_heartbeats())

    async def disconnect(self, code):
        if self.heartbeat_task is not None:
            self.heartbeat_task.cancel()
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def send_heartbeats(self):
        """Send the board's current sequence now, then every HEARTBEAT_SECONDS."""
        try:
            while True:
                sequence = await get_board_sequence(self.board_key)
                await self.send(text_data=render_marker(sequence, "heartbeat"))
                await asyncio.sleep(HEARTBEAT_SECONDS)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Without heartbeats the client would wait a minute before it
            # gives up, so close at once and let it reconnect.
            logger.exception("board %s: heartbeat failed", self.board_key)
            await self.close(code=1011)

    # Client messages

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_CLIENT_MESSAGE_BYTES:
            logger.debug("board %s: client message ignored", self.board_key)
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            logger.debug("board %s: invalid JSON from client", self.board_key)
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        handlers = {"board.language": self.set_language}
        message_type = content.get("type") if isinstance(content, dict) else None
        handler = handlers.get(message_type)
        if handler is None:
            logger.debug("board %s: unknown client message type", self.board_key)
            return
        await handler(content)

    async def set_language(self, content):
        """Choose the language of the fragments sent to this socket.

        The page sends its ``lang`` once the socket is open, because the
        WebSocket URL carries no language prefix.
        """
        language = content.get("language")
        if language in dict(settings.LANGUAGES):
            self.language = language

    # Group messages

    async def idea_posted(self, message: BoardMessage):
        await self.send_fragment(message)

    async def idea_votes_changed(self, message: BoardMessage):
        await self.send_fragment(message)

    async def send_fragment(self, message: BoardMessage):
        html = message["html"].get(self.language) or message["html"].get(
            settings.LANGUAGE_CODE
        )
        await self.send(text_data=html)
