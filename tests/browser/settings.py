"""Settings of the servers that the browser tests start.

The test settings, with a sign-in allowance for one address that suits a
suite in which every browser context signs in from 127.0.0.1. The per-account
lockout still applies.
"""

from cms.settings.test import *  # noqa: F403

RATE_LIMITS = {"sign_in": (1000, 60)}
