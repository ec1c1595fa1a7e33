"""Settings of the servers that the browser tests start.

The test settings, with a sign-in allowance for one address that suits a
suite in which every browser context signs in from 127.0.0.1. The per-account
lockout still applies. Demo people may also post more ideas per minute.
"""

from cms.settings.test import *  # noqa: F403

RATE_LIMITS = {
    "sign_in": (1000, 60),
    # test_board_live and test_realtime_board post six ideas as one demo
    # person. The default allows five per clock minute, so the sixth got HTTP
    # 429 when the two files ran back to back. tests/ideation covers the limit.
    "idea_post": (1000, 60),
}
