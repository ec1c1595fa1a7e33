"""Settings of the site served by the fan-out benchmark.

The test settings (fast hasher, hosts 127.0.0.1) with every rate limit
lifted, because 50 voters casting one vote per second each on purpose exceed
the limits that protect the site from a single person.
"""

from cms.settings.test import *  # noqa: F403


class NoRateLimits(dict):
    """A RATE_LIMITS mapping that allows a million actions per second."""

    def get(self, scope, default=None):
        return (1_000_000, 1)


RATE_LIMITS = NoRateLimits()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
