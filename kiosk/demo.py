"""The demo kiosk screen for ``seed_demo``, with a fixed, documented token.

The token is public in the README, so it suits a local demo only: a real
screen gets a random token when staff create it in the admin.
"""

import logging

from .models import Screen

logger = logging.getLogger(__name__)

DEMO_SCREEN_TOKEN = "demo-smart-room"
DEMO_SCREEN_PATH = f"/kiosk/{DEMO_SCREEN_TOKEN}/"


def seed(context) -> None:
    screen, created = Screen.objects.get_or_create(
        token=DEMO_SCREEN_TOKEN,
        defaults={
            "name": "Borne de la Smart Room",
            "place": "Smart Room, Hôtel du Département",
            "is_active": True,
        },
    )
    logger.info(
        "demo kiosk screen %s %s", screen.pk, "created" if created else "already there"
    )
    context.command.log(f"Demo kiosk: {DEMO_SCREEN_PATH}")
