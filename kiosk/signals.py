"""Raise the kiosk content version when events or resources change.

Wagtail sends ``page_published`` for every publication (a new page, a change,
a scheduled publication) and ``page_unpublished`` when a page is withdrawn.
Deleting a live page sends neither, so ``post_delete`` covers it. That
receiver listens to ``Page`` only: a receiver for every model would make
Django read each row before any queryset delete, to send it the signal.
"""

import logging

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import services

logger = logging.getLogger(__name__)


def is_kiosk_class(page_class) -> bool:
    from events.models import EventPage
    from resources.models import ResourcePage

    return page_class is not None and issubclass(page_class, EventPage | ResourcePage)


def is_kiosk_content(page) -> bool:
    return is_kiosk_class(type(page))


def on_page_published(sender, instance, **kwargs):
    if is_kiosk_content(instance):
        services.raise_content_version("publication", instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    if is_kiosk_content(instance):
        services.raise_content_version("withdrawal", instance.pk)


def on_page_deleted(sender, instance, **kwargs):
    """Raise the version when a live event or resource is deleted.

    ``instance`` is the row of Wagtail's ``Page`` table, so the page's own
    class comes from its content type."""
    if instance.live and is_kiosk_class(instance.specific_class):
        services.raise_content_version("deletion", instance.pk)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="kiosk.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="kiosk.page_unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="kiosk.page_deleted")
