"""E-mails about reservations and help requests, sent as background tasks.

Each task reads the rows again when it runs, so it sends the state at
sending time, and it writes the message in French then in English: the
README's language rules keep the profile's language for the Smart Lab's
e-mails, so a store message reaches everyone in both.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import lazy
from django_tasks import task

from .slots import describe_pickup

logger = logging.getLogger(__name__)


def render_bilingual(template: str, context: dict) -> str:
    parts = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            parts.append(render_to_string(template, context).strip())
    return "\n\n———\n\n".join(parts)


def render_subject(template: str, context: dict) -> str:
    parts = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            parts.append(render_to_string(template, context).strip())
    return " / ".join(parts)


@task()
def send_reservation_email(event_id: int) -> int:
    """E-mail the agent about one status change of their reservation."""
    from .models import ReservationEvent

    event = (
        ReservationEvent.objects.select_related(
            "reservation__user", "reservation__equipment_type", "reservation__unit"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.reservation.user is None:
        logger.info("reservation event %s has no recipient; nothing sent", event_id)
        return 0
    reservation = event.reservation
    context = {
        "reservation": reservation,
        "event": event,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        # Lazy, so that each language of the message gets its own wording.
        "pickup": lazy(describe_pickup, str)(reservation),
    }
    sent = send_mail(
        render_subject("store/emails/reservation_subject.txt", context),
        render_bilingual("store/emails/reservation_body.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [reservation.user.email],
    )
    logger.info(
        "reservation %s: e-mail for change %s to %s sent",
        reservation.pk,
        event_id,
        event.to_status,
    )
    return sent


@task()
def send_help_email(help_request_id: int, reason: str) -> int:
    """E-mail the agent that their help request changed or got a reply.

    ``reason`` is "status" or "message". A closing e-mail carries the
    satisfaction link.
    """
    from .help_requests import build_satisfaction_url
    from .models import HelpRequest

    help_request = (
        HelpRequest.objects.select_related("requester")
        .filter(pk=help_request_id)
        .first()
    )
    if help_request is None or help_request.requester is None:
        logger.info("help request %s has no recipient; nothing sent", help_request_id)
        return 0
    context = {
        "help_request": help_request,
        "reason": reason,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "satisfaction_url": (
            build_satisfaction_url(help_request) if help_request.is_finished else ""
        ),
    }
    sent = send_mail(
        render_subject("store/emails/help_subject.txt", context),
        render_bilingual("store/emails/help_body.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [help_request.requester.email],
    )
    logger.info("help request %s: %s e-mail sent", help_request.pk, reason)
    return sent
