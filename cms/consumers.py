"""The WebSocket consumer for addresses that no route matches."""

import logging

from channels.generic.websocket import AsyncWebsocketConsumer

logger = logging.getLogger(__name__)


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Refuse the handshake (HTTP 403) instead of failing with a server error.

    Without it, Channels' URLRouter raises "No route found" for a mistyped or
    forged address, which the server answers with HTTP 500.
    """

    async def connect(self):
        logger.info(
            "websocket rejected: no route for path %r", self.scope["path"][:200]
        )
        await self.close()
