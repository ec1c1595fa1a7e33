"""E-mails to registrants, sent by background tasks in the person's language.

Services call :func:`queue_registration_email` inside their transaction; the
task is enqueued after commit, so a rolled-back change sends nothing. The
task back end runs it at once in development and tests, and in the database
worker in production.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)

# Subject and first paragraph of each kind of message.
MESSAGES = {
    "confirmed": (
        _("Registration confirmed: %(title)s"),
        _("Your seat is booked. The event is in the attached calendar file."),
    ),
    "waiting": (
        _("Waiting list: %(title)s"),
        _(
            "The event is full, so you are on the waiting list, in position "
            "%(position)s. We will e-mail you if a seat frees up."
        ),
    ),
    "promoted": (
        _("A seat is yours: %(title)s"),
        _(
            "A seat has freed up and it is yours: your registration is "
            "confirmed. The event is in the attached calendar file."
        ),
    ),
    "cancelled": (
        _("Registration cancelled: %(title)s"),
        _("Your registration is cancelled. You can register again while seats remain."),
    ),
    "guest_confirm": (
        _("Confirm your registration: %(title)s"),
        _(
            "To confirm your registration, open the link below and press "
            "“Confirm my registration” within %(hours)s hours. Until then no "
            "seat is held for you."
        ),
    ),
    "reminder": (
        _("Reminder, tomorrow: %(title)s"),
        _("This is a reminder of the event you registered for."),
    ),
    "changed": (
        _("Event changed: %(title)s"),
        _(
            "The date, time or place of this event has changed. The new details "
            "are below and in the attached calendar file."
        ),
    ),
    "event_cancelled": (
        _("Event cancelled: %(title)s"),
        _("We are sorry: this event is cancelled. Your registration is void."),
    ),
}
# Messages that carry the event as an .ics attachment.
WITH_CALENDAR = {"confirmed", "promoted", "reminder", "changed", "event_cancelled"}


def queue_registration_email(registration: Registration, kind: str | None = None):
    """Send an e-mail about ``registration`` once the transaction commits.

    Without ``kind``, the status chooses between confirmation and waiting list.
    """
    if kind is None:
        kind = (
            "waiting"
            if registration.status == RegistrationStatus.WAITING
            else "confirmed"
        )
    if kind not in MESSAGES:
        raise ValueError(f"unknown e-mail kind {kind!r}: use one of {sorted(MESSAGES)}")
    registration_id = registration.pk
    transaction.on_commit(
        lambda: send_registration_email.enqueue(registration_id, kind), robust=True
    )


def get_base_url() -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def build_context(registration: Registration, kind: str) -> dict:
    """Return the template context of one message, in the active language."""
    from . import conf
    from .ical import localized_event
    from .registrations import (
        GUEST_MANAGE_SALT,
        get_waiting_position,
        make_guest_token,
    )

    base_url = get_base_url()
    event = localized_event(registration.event, registration.language)
    subject_text, intro_text = MESSAGES[kind]
    values = {
        "title": event.title,
        "position": get_waiting_position(registration) or "",
        "hours": conf.get("EVENTS_GUEST_LINK_HOURS"),
    }
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "subject": str(subject_text) % values,
        "intro": str(intro_text) % values,
        "event_url": f"{base_url}{event.get_url() or ''}",
        "base_url": base_url,
    }
    if kind == "guest_confirm":
        token = make_guest_token(registration)
        context["action_url"] = base_url + reverse("events:guest_confirm", args=[token])
    elif registration.user_id is None:
        token = make_guest_token(registration, salt=GUEST_MANAGE_SALT)
        context["manage_url"] = base_url + reverse("events:guest_manage", args=[token])
    else:
        context["manage_url"] = base_url + reverse("events:my_programme")
    return context


def build_message(registration: Registration, kind: str) -> EmailMultiAlternatives:
    with translation.override(registration.language):
        context = build_context(registration, kind)
        text = render_to_string("events/emails/message.txt", context)
        html = render_to_string("events/emails/message.html", context)
        message = EmailMultiAlternatives(
            subject=context["subject"],
            body=text,
            to=[registration.email],
        )
        message.attach_alternative(html, "text/html")
        if kind in WITH_CALENDAR:
            from .ical import build_registration_calendar

            calendar = build_registration_calendar(
                registration, base_url=context["base_url"]
            )
            message.attach("evenement.ics", calendar, "text/calendar")
    return message


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one message; return False when the registration no longer exists."""
    registration = (
        Registration.objects.select_related("event", "event__venue")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        logger.warning(
            "e-mail %s skipped: registration %s is gone", kind, registration_id
        )
        return False
    build_message(registration, kind).send()
    logger.info(
        "e-mail %s sent for registration %s (event %s)",
        kind,
        registration.pk,
        registration.event_id,
    )
    return True


# Sent when someone asks to register as a guest with an account's address.
ACCOUNT_HOLDER_SUBJECT = _("Sign in to register: %(title)s")
ACCOUNT_HOLDER_INTRO = _(
    "Someone, probably you, asked to register for this event as a guest with "
    "this e-mail address. The address belongs to a Smart Corner account: sign "
    "in, then register on the event page."
)


@task()
def send_account_holder_email(user_id: int, event_id: int) -> bool:
    """Tell an account holder to sign in to register for an event.

    Returns False when the account or the event no longer exists.
    """
    from django.contrib.auth import get_user_model
    from django.utils.http import urlencode

    from .ical import localized_event
    from .models import EventPage

    user = get_user_model().objects.filter(pk=user_id).first()
    event = EventPage.objects.filter(pk=event_id).first()
    if user is None or event is None:
        logger.warning(
            "sign-in e-mail skipped: user %s or event %s is gone", user_id, event_id
        )
        return False
    base_url = get_base_url()
    with translation.override(user.language):
        event = localized_event(event, user.language)
        query = urlencode({"next": event.get_url() or "/"})
        sign_in_url = f"{base_url}{reverse('accounts:login')}?{query}"
        intro = str(ACCOUNT_HOLDER_INTRO)
        body = f"{intro}\n\n{event.title}\n{sign_in_url}\n\n-- \nSmart Corner\n"
        subject = str(ACCOUNT_HOLDER_SUBJECT) % {"title": event.title}
    EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()
    logger.info("sign-in e-mail sent to user %s for event %s", user_id, event_id)
    return True


def select_due_reminders(now):
    """Return the seats whose reminder is due at ``now`` and not yet sent.

    The reminder is due ``EVENTS_REMINDER_HOURS`` before the start. People
    who got their seat after it was due are skipped: their confirmation
    came later than the reminder would have.
    """
    from django.db.models import DurationField, ExpressionWrapper, F, Value

    from . import conf

    lead = conf.hours("EVENTS_REMINDER_HOURS")
    due_at = ExpressionWrapper(
        F("event__start") - Value(lead), output_field=DurationField()
    )
    return (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__status="scheduled",
            event__start__gt=now,
            event__start__lte=now + lead,
        )
        .annotate(due_at=due_at)
        .filter(confirmed_at__lt=F("due_at"))
    )


@task()
def send_due_reminders() -> int:
    """Send every reminder that is due; return how many were sent.

    Each reminder is claimed with a conditional update before it is sent,
    so two workers running at once never send the same one twice.
    """
    from django.utils import timezone

    now = timezone.now()
    sent = 0
    for registration_id in select_due_reminders(now).values_list("pk", flat=True):
        claimed = Registration.objects.filter(
            pk=registration_id, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            continue
        registration = Registration.objects.select_related("event").get(
            pk=registration_id
        )
        build_message(registration, "reminder").send()
        sent += 1
    logger.info("%s event reminders sent", sent)
    return sent
