from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Programme")

    def ready(self):
        from wagtail.signals import page_published

        from .caching import connect_signals
        from .signals import on_page_published

        page_published.connect(on_page_published, dispatch_uid="events.published")
        connect_signals()
