from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ideation"
    verbose_name = _("Smart Lab")

    def ready(self):
        from . import board_lookup, checks, folding  # noqa: F401 - checks
        from .caching import connect_signals

        # Registers the receivers that close live sockets on sign-out and
        # deactivation, and when who may read a board changes.
        from .realtime import access, users  # noqa: F401

        connect_signals()
        board_lookup.connect_signals()
        folding.connect_signals()
