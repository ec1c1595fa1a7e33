from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from .caching import connect_signals
        from .localize_dates import patch_string_translation

        connect_signals()
        patch_string_translation()
