"""Live messages to kiosk screens, sent to one Channels group after commit.

Every screen's socket joins ``KIOSK_GROUP``. A message carries the absolute
content version, never a difference, so a screen that missed messages
catches up with the next one, or with the next poll.
"""

import logging
from typing import TypedDict

from cms.channel_layers import send_to_group

logger = logging.getLogger(__name__)

KIOSK_GROUP = "kiosk.content"


class ContentVersionMessage(TypedDict):
    type: str
    version: int


def broadcast_content_version(version: int) -> None:
    """Send the new content version to every connected screen."""
    message: ContentVersionMessage = {"type": "content.version", "version": version}
    try:
        send_to_group(KIOSK_GROUP, message)
    except Exception:  # noqa: BLE001 - polling still delivers the change
        logger.exception("kiosk content version %s: broadcast failed", version)
