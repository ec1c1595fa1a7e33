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


def client_user_agent(request) -> str:
    """Return the request's User-Agent header, cut to fit the event, or ""."""
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def record(
    kind: str, *, request=None, user=None, actor=None, email: str = "", **details
) -> AccountEvent:
    """Store one audit event and log it with the ids involved."""
    event = AccountEvent.objects.create(
        kind=kind,
        user=user,
        actor=actor,
        email=email[:254],
        ip_address=client_ip(request),
        user_agent=client_user_agent(request),
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


def record_for_ids(
    kind: str, user_ids, *, actor=None, request=None, using=None, **details
) -> None:
    """Store one event per id in ``user_ids``, each with the same actor and
    request, which may be None.

    For bulk changes, where the accounts are known by id only. Each event is
    logged with its user id.
    """
    ip_address = client_ip(request)
    user_agent = client_user_agent(request)
    events = AccountEvent.objects.using(using).bulk_create(
        AccountEvent(
            kind=kind,
            user_id=user_id,
            actor=actor,
            ip_address=ip_address,
            user_agent=user_agent,
            details=details,
        )
        for user_id in user_ids
    )
    actor_id = getattr(actor, "pk", None)
    for event in events:
        # Django 5.2's bulk_create sets event.pk on PostgreSQL, MariaDB and
        # SQLite 3.35+ only, so it may be None elsewhere.
        logger.info(
            "audit %s: user %s, actor %s, event %s",
            kind,
            event.user_id,
            actor_id,
            event.pk,
        )
