"""Check a board's live sockets again when who may read it changes.

A socket's permission is checked at the handshake and on resync only. An
editor who makes a challenge staff-only, unpublishes a board or restricts a
page above it would otherwise leave its open sockets receiving every new
idea. After such a change commits, each process's hub checks the sockets of
the boards concerned and closes the ones no longer allowed (code 4003).
"""

import logging

from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from cms.channel_layers import send_to_group

from .. import board_lookup
from ..broadcast import board_group_name
from ..models import IdeaBoardPage
from .hub import BOARD_ACCESS_CHANGED

logger = logging.getLogger(__name__)


def board_keys_under(page) -> set:
    """Return the translation keys of the boards at or below ``page``: the
    page's publication and view restrictions apply to all of them."""
    boards = IdeaBoardPage.objects.descendant_of(page, inclusive=True)
    return set(boards.values_list("translation_key", flat=True))


def announce_access_change(board_keys) -> None:
    """Ask every process to check the sockets of these boards again."""
    layer = get_channel_layer()
    if layer is None:
        return
    # These receivers may run before board_lookup's own, so the hubs must not
    # check the sockets against a cached copy of the page from before the change.
    board_lookup.forget_boards()
    for key in sorted(board_keys, key=str):
        message = {"type": BOARD_ACCESS_CHANGED, "board": str(key)}
        send_to_group(board_group_name(key), message)
    logger.info("access change announced to boards %s", sorted(map(str, board_keys)))


def announce_after_commit(board_keys) -> None:
    if board_keys:
        keys = set(board_keys)
        transaction.on_commit(lambda: announce_access_change(keys), robust=True)


@receiver(post_save, dispatch_uid="ideation.realtime.access_page_saved")
@receiver(page_unpublished, dispatch_uid="ideation.realtime.access_unpublished")
def page_changed(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, IdeaBoardPage):
        announce_after_commit({instance.translation_key})


# Every deleted page has a row in ``Page``. A receiver for all models would
# make Django read the rows of every queryset delete first.
@receiver(
    post_delete, sender=Page, dispatch_uid="ideation.realtime.access_page_deleted"
)
def page_deleted(sender, instance=None, **kwargs) -> None:
    page_class = instance.specific_class
    if page_class is not None and issubclass(page_class, IdeaBoardPage):
        announce_after_commit({instance.translation_key})


@receiver(post_page_move, dispatch_uid="ideation.realtime.access_page_moved")
def page_moved(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        announce_after_commit(board_keys_under(instance))


@receiver(
    post_save,
    sender=PageViewRestriction,
    dispatch_uid="ideation.realtime.access_restriction_saved",
)
@receiver(
    post_delete,
    sender=PageViewRestriction,
    dispatch_uid="ideation.realtime.access_restriction_deleted",
)
def restriction_changed(sender, instance=None, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    # A page deleted with its restrictions announces its own deletion.
    if page is not None:
        announce_after_commit(board_keys_under(page))


@receiver(
    m2m_changed,
    sender=PageViewRestriction.groups.through,
    dispatch_uid="ideation.realtime.access_restriction_groups",
)
def restriction_groups_changed(sender, instance=None, action="", **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PageViewRestriction
    ):
        announce_after_commit(board_keys_under(instance.page))
