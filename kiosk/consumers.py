"""WebSocket consumer of kiosk screens: content version announcements.

The socket only announces "the content changed, its version is now N", and
the screen then fetches the pages over HTTP. A heartbeat repeats the current
version, so a screen notices a dead socket and a missed message.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import services
from .broadcast import KIOSK_GROUP, ContentVersionMessage

logger = logging.getLogger(__name__)

# The screen treats about 75 s without a message as a dead socket.
HEARTBEAT_SECONDS = 30


@database_sync_to_async
def screen_exists(token: str) -> bool:
    return services.get_active_screen(token) is not None


@database_sync_to_async
def get_content_version() -> int:
    return services.get_content_version()


class KioskConsumer(AsyncJsonWebsocketConsumer):
    """Tell one screen about new content versions."""

    async def connect(self):
        self.token = self.scope["url_route"]["kwargs"]["token"]
        self.heartbeat_task = None
        if not await screen_exists(self.token):
            logger.info("kiosk socket rejected: unknown or inactive screen token")
            await self.close()
            return
        await self.channel_layer.group_add(KIOSK_GROUP, self.channel_name)
        await self.accept()
        self.heartbeat_task = asyncio.create_task(self.send_heartbeats())

    async def disconnect(self, code):
        if self.heartbeat_task is not None:
            self.heartbeat_task.cancel()
            await self.channel_layer.group_discard(KIOSK_GROUP, self.channel_name)

    async def send_heartbeats(self):
        try:
            while True:
                version = await get_content_version()
                await self.send_json({"type": "heartbeat", "version": version})
                await asyncio.sleep(HEARTBEAT_SECONDS)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("kiosk socket: heartbeat failed")
            await self.close(code=1011)

    async def receive_json(self, content, **kwargs):
        # Screens send nothing; anything received is ignored.
        logger.debug("kiosk socket: client message ignored")

    async def content_version(self, message: ContentVersionMessage):
        await self.send_json({"type": "content.version", "version": message["version"]})
