"""Record account events: who did what to which account, from where."""

import ipaddress
import logging

from .models import AccountEvent

logger = logging.getLogger(__name__)

USER_AGENT_MAX_LENGTH = 300


def client_ip(request) -> str | None:
    """Return the client's address as seen by Django, or None when invalid."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(
    kind: str, *, request=None, user=None, actor=None, email: str = "", **details
) -> AccountEvent:
    """Store one audit event and log it with the ids involved."""
    user_agent = ""
    if request is not None:
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
    event = AccountEvent.objects.create(
        kind=kind,
        user=user,
        actor=actor,
        email=email[:254],
        ip_address=client_ip(request),
        user_agent=user_agent,
        details=details,
    )
    logger.info(
        "audit %s: user %s, actor %s, event %s",
        kind,
        getattr(user, "pk", None),
        getattr(actor, "pk", None),
        event.pk,
    )
    return event


def record_for_ids(kind: str, user_ids, *, using=None, **details) -> None:
    """Store one event per id in ``user_ids``, with no request and no actor.

    For bulk changes, where the accounts are known by id only. Each event is
    logged with its user id.
    """
    events = AccountEvent.objects.using(using).bulk_create(
        AccountEvent(kind=kind, user_id=user_id, details=details)
        for user_id in user_ids
    )
    for event in events:
        # Django 5.2's bulk_create sets event.pk on PostgreSQL, MariaDB and
        # SQLite 3.35+ only, so it may be None elsewhere.
        logger.info(
            "audit %s: user %s, actor None, event %s", kind, event.user_id, event.pk
        )
