"""State changes on accounts: deactivation, reactivation, profile changes.

Each runs in one transaction and records an account event. Deactivating
saves ``is_active`` with ``update_fields``, and the Smart Lab's live layer
watches that save to close the person's open sockets. The backend rejects
the account's sessions from their next request.
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import account_events
from .models import AccountEventKind, User

logger = logging.getLogger(__name__)


@transaction.atomic
def deactivate_user(
    user: User, *, actor: User | None = None, reason: str, request=None
):
    """Stop ``user`` from signing in; ``reason`` is a short code for the log."""
    if not user.is_active:
        return
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    account_events.record(
        AccountEventKind.DEACTIVATED,
        request=request,
        user=user,
        actor=actor,
        reason=reason,
    )
    logger.info(
        "user %s deactivated (%s) by %s", user.pk, reason, getattr(actor, "pk", None)
    )


@transaction.atomic
def reactivate_user(user: User, *, actor: User | None = None, request=None):
    """Let a deactivated account sign in again; a partner's inactivity restarts."""
    user.is_active = True
    user.deactivated_at = None
    update_fields = ["is_active", "deactivated_at"]
    if user.is_partner_expired():
        user.last_login = timezone.now()
        update_fields.append("last_login")
    user.save(update_fields=update_fields)
    account_events.record(
        AccountEventKind.REACTIVATED, request=request, user=user, actor=actor
    )
    logger.info("user %s reactivated by %s", user.pk, getattr(actor, "pk", None))
