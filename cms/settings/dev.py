"""Settings for running the embedded default on a developer's machine."""

from cms import env

from .base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", default=True)
