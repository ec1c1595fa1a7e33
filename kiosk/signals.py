"""Raise the kiosk content version when events or resources change.

Wagtail sends ``page_published`` for every publication (a new page, a change,
a scheduled publication) and ``page_unpublished`` when a page is withdrawn.
Deleting a live page sends neither, so ``post_delete`` covers it.
"""

import logging

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from . import services

logger = logging.getLogger(__name__)


def is_kiosk_content(page) -> bool:
    from events.models import EventPage
    from resources.models import ResourcePage

    return isinstance(page, EventPage | ResourcePage)


def on_page_published(sender, instance, **kwargs):
    if is_kiosk_content(instance):
        services.raise_content_version("publication", instance.pk)


def on_page_unpublished(sender, instance, **kwargs):
    if is_kiosk_content(instance):
        services.raise_content_version("withdrawal", instance.pk)


def on_page_deleted(sender, instance, **kwargs):
    if getattr(instance, "live", False) and is_kiosk_content(instance):
        services.raise_content_version("deletion", instance.pk)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="kiosk.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="kiosk.page_unpublished")
    post_delete.connect(on_page_deleted, dispatch_uid="kiosk.page_deleted")
