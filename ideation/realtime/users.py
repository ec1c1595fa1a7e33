"""Close a person's live sockets when they sign out or are deactivated.

A socket stays authorised after its session ends unless the server closes it.
Each process's hub joins ``user.<id>`` for the people it serves; any consumer
of another app that joins that group must also close on ``user.disconnect``.
"""

import functools
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import users_deactivated
from cms.channel_layers import send_to_group

from .hub import USER_DISCONNECT, USER_NOTIFIED, user_group_name

logger = logging.getLogger(__name__)


def close_user_sockets(user_id: int) -> None:
    """Close every live socket of ``user_id`` in every worker process.

    The closed pages open a new socket, whose handshake checks the
    permissions again.
    """
    message = {"type": USER_DISCONNECT, "user_id": user_id}
    if not send_to_group(user_group_name(user_id), message):
        return
    logger.info("asked to close the live sockets of user %s", user_id)


def announce_new_notifications(user_ids) -> None:
    """Tell the processes that hold sockets of these people to refresh their
    unread count (see ``BoardHub.refresh_bell``)."""
    for user_id in sorted(set(user_ids)):
        message = {"type": USER_NOTIFIED, "user_id": user_id}
        if not send_to_group(user_group_name(user_id), message):
            return
    logger.debug("unread counts announced to users %s", sorted(set(user_ids)))


@receiver(user_logged_out, dispatch_uid="ideation.realtime.close_on_sign_out")
def close_on_sign_out(sender, request, user, **kwargs):
    if user is not None:
        close_user_sockets(user.pk)


@receiver(post_save, dispatch_uid="ideation.realtime.close_on_deactivation")
def close_on_deactivation(sender, instance, created, **kwargs):
    # A bulk update sends no post_save, so close_on_bulk_deactivation covers it.
    if sender is not get_user_model() or created or instance.is_active:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "is_active" not in update_fields:
        return
    user_id = instance.pk
    transaction.on_commit(lambda: close_user_sockets(user_id), robust=True)


@receiver(
    users_deactivated, dispatch_uid="ideation.realtime.close_on_bulk_deactivation"
)
def close_on_bulk_deactivation(sender, user_ids, using, **kwargs):
    """Close the sockets of the people that ``UserQuerySet.update`` deactivated."""
    # One callback per person, so that a failed send skips only that person.
    for user_id in user_ids:
        transaction.on_commit(
            functools.partial(close_user_sockets, user_id), using=using, robust=True
        )
