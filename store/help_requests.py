"""Help requests: creation, conversation, status changes and satisfaction."""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .errors import StoreError
from .models import HelpMessage, HelpRequest, HelpRequestEvent, HelpStatus
from .models.help import (
    EXTERNAL_REFERENCE_MAX_LENGTH,
    HELP_DESCRIPTION_MAX_LENGTH,
    HELP_MESSAGE_MAX_LENGTH,
)
from .permissions import check_agent, check_store_staff, is_store_staff

logger = logging.getLogger(__name__)

SATISFACTION_SALT = "store.help.satisfaction"
# A satisfaction link stays valid this long after it is sent.
SATISFACTION_MAX_AGE = datetime.timedelta(days=60)

# Status changes staff may make; closing is possible from any open status.
ALLOWED_CHANGES = {
    HelpStatus.NEW: {HelpStatus.IN_PROGRESS, HelpStatus.WAITING, HelpStatus.RESOLVED},
    HelpStatus.IN_PROGRESS: {HelpStatus.WAITING, HelpStatus.RESOLVED},
    HelpStatus.WAITING: {HelpStatus.IN_PROGRESS, HelpStatus.RESOLVED},
    HelpStatus.RESOLVED: {HelpStatus.IN_PROGRESS, HelpStatus.CLOSED},
    HelpStatus.CLOSED: set(),
}
for _status in (HelpStatus.NEW, HelpStatus.IN_PROGRESS, HelpStatus.WAITING):
    ALLOWED_CHANGES[_status].add(HelpStatus.CLOSED)


def notify(help_request: HelpRequest, reason: str) -> None:
    from .notifications import send_help_email

    transaction.on_commit(
        lambda: send_help_email.enqueue(help_request.pk, reason), robust=True
    )


# The store plans its appointments no further ahead than its loans.
HELP_SLOT_HORIZON_DAYS = 365


def check_help_slot(preferred_at: datetime.datetime | None, walk_in: bool) -> None:
    """Raise unless the request comes as a walk-in or with a future slot."""
    if walk_in:
        return
    if preferred_at is None:
        raise StoreError("help_slot_missing", field="preferred_at")
    now = timezone.now()
    if preferred_at <= now:
        raise StoreError("help_slot_in_past", field="preferred_at")
    if preferred_at > now + datetime.timedelta(days=HELP_SLOT_HORIZON_DAYS):
        raise StoreError(
            "help_slot_too_far", field="preferred_at", days=HELP_SLOT_HORIZON_DAYS
        )


def create_help_request(
    user,
    kind: str,
    description: str,
    *,
    preferred_at: datetime.datetime | None,
    walk_in: bool,
    service_key=None,
) -> HelpRequest:
    """Open a help request; it needs a future preferred slot or a walk-in."""
    check_agent(user)
    description = description.strip()
    if not description:
        raise StoreError("message_empty", field="description")
    check_help_slot(preferred_at, walk_in)
    if walk_in:
        preferred_at = None
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            requester=user,
            kind=kind,
            description=description[:HELP_DESCRIPTION_MAX_LENGTH],
            preferred_at=preferred_at,
            walk_in=walk_in,
            service_key=service_key,
        )
        HelpRequestEvent.objects.create(
            help_request=help_request, to_status=HelpStatus.NEW, actor=user
        )
        if service_key:
            from .catalogue import count_demand

            count_demand(service_key)
        notify(help_request, "status")
    logger.info("help request %s opened by user %s", help_request.pk, user.pk)
    return help_request


def get_help_request_for(user, help_request_id: int) -> HelpRequest:
    """Return the request if ``user`` asked it or is store staff."""
    if not user.is_authenticated:
        raise StoreError("sign_in_required")
    help_request = (
        HelpRequest.objects.select_related("requester")
        .filter(pk=help_request_id)
        .first()
    )
    if help_request is None or (
        help_request.requester_id != user.pk and not is_store_staff(user)
    ):
        raise StoreError("help_not_found")
    return help_request


def post_message(user, help_request_id: int, body: str) -> HelpMessage:
    """Add a message to the conversation; an agent's reply reopens a waiting one."""
    body = body.strip()
    if not body:
        raise StoreError("message_empty", field="body")
    with transaction.atomic():
        help_request = get_help_request_for(user, help_request_id)
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if help_request.status == HelpStatus.CLOSED:
            raise StoreError("help_closed")
        from_staff = is_store_staff(user) and help_request.requester_id != user.pk
        message = HelpMessage.objects.create(
            help_request=help_request,
            author=user,
            from_staff=from_staff,
            body=body[:HELP_MESSAGE_MAX_LENGTH],
        )
        if from_staff:
            notify(help_request, "message")
        elif help_request.status == HelpStatus.WAITING:
            change_status_locked(help_request, HelpStatus.IN_PROGRESS, user)
    logger.info("help request %s: message %s posted", help_request.pk, message.pk)
    return message


def change_status_locked(help_request: HelpRequest, to_status: str, actor) -> None:
    from_status = help_request.status
    help_request.status = to_status
    if to_status in (HelpStatus.RESOLVED, HelpStatus.CLOSED):
        help_request.closed_at = help_request.closed_at or timezone.now()
    else:
        help_request.closed_at = None
    help_request.save(update_fields=["status", "closed_at"])
    HelpRequestEvent.objects.create(
        help_request=help_request,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
    )
    notify(help_request, "status")
    logger.info(
        "help request %s: %s → %s by user %s",
        help_request.pk,
        from_status,
        to_status,
        actor.pk,
    )


def check_external_reference(reference: str) -> str:
    """Return the reference without surrounding spaces, or raise ValueError.

    HelpHandlingForm checks what staff type. A reference that reaches this
    point too long or with NUL (which PostgreSQL rejects) is a bug, so it is
    not cut in silence.
    """
    reference = reference.strip()
    if len(reference) > EXTERNAL_REFERENCE_MAX_LENGTH or "\x00" in reference:
        raise ValueError(
            f"external_reference must have at most {EXTERNAL_REFERENCE_MAX_LENGTH} "
            f"characters and no NUL, got {len(reference)} characters"
        )
    return reference


def change_help_status(
    staff, help_request_id: int, to_status: str, external_reference: str | None = None
) -> HelpRequest:
    """Move a request to ``to_status`` when the change is allowed."""
    check_store_staff(staff)
    with transaction.atomic():
        help_request = (
            HelpRequest.objects.select_for_update().filter(pk=help_request_id).first()
        )
        if help_request is None:
            raise StoreError("help_not_found")
        if external_reference is not None:
            help_request.external_reference = check_external_reference(
                external_reference
            )
            help_request.save(update_fields=["external_reference"])
        if to_status and to_status != help_request.status:
            if to_status not in ALLOWED_CHANGES[HelpStatus(help_request.status)]:
                raise StoreError(
                    "help_bad_transition",
                    status=HelpStatus(help_request.status).label,
                )
            change_status_locked(help_request, to_status, staff)
    return help_request


def make_satisfaction_token(help_request: HelpRequest) -> str:
    return signing.dumps({"help_request": help_request.pk}, salt=SATISFACTION_SALT)


def build_satisfaction_url(help_request: HelpRequest) -> str:
    path = reverse(
        "store:satisfaction", kwargs={"token": make_satisfaction_token(help_request)}
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def read_satisfaction_token(token: str) -> HelpRequest:
    """Return the request a satisfaction link is for; no sign-in needed."""
    try:
        payload = signing.loads(
            token,
            salt=SATISFACTION_SALT,
            max_age=SATISFACTION_MAX_AGE.total_seconds(),
        )
    except signing.BadSignature:
        raise StoreError("satisfaction_invalid") from None
    help_request = HelpRequest.objects.filter(
        pk=payload.get("help_request") if isinstance(payload, dict) else None
    ).first()
    if help_request is None:
        raise StoreError("satisfaction_invalid")
    return help_request


def record_satisfaction(token: str, rating: int, comment: str = "") -> HelpRequest:
    """Store the agent's rating (1 to 5) once, for a resolved or closed request."""
    with transaction.atomic():
        help_request = read_satisfaction_token(token)
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if not help_request.is_finished:
            raise StoreError("satisfaction_not_yet")
        if help_request.satisfaction_rating is not None:
            raise StoreError("satisfaction_done")
        if not 1 <= rating <= 5:
            raise StoreError("satisfaction_invalid")
        help_request.satisfaction_rating = rating
        help_request.satisfaction_comment = comment.strip()[:2000]
        help_request.satisfaction_at = timezone.now()
        help_request.save(
            update_fields=[
                "satisfaction_rating",
                "satisfaction_comment",
                "satisfaction_at",
            ]
        )
    logger.info("help request %s rated %s", help_request.pk, rating)
    return help_request
