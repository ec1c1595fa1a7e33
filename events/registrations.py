"""Registration services: register, confirm, cancel, promote, count.

Every change runs in one transaction that first locks the source event's row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite transactions start
``IMMEDIATE`` and so already run one writer at a time). The seat count is
read after the lock, so concurrent requests never overbook. E-mails leave
after commit, through ``events.emails``.
"""

import datetime
import logging
from dataclasses import dataclass

from django.apps import apps
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from home.templatetags.smartcorner import day_date

from . import conf
from .errors import RegistrationError
from .models import (
    AttendeeAudience,
    EventPage,
    EventStatus,
    Registration,
    RegistrationOrigin,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

GUEST_CONFIRM_SALT = "events.guest-confirm"
GUEST_MANAGE_SALT = "events.guest-manage"


def get_source_event(page: EventPage) -> EventPage:
    """Return the page that owns the registrations of ``page``'s event.

    It is the translation in the default language (French), or the oldest
    translation when there is none; every language shares its capacity.
    """
    from django.conf import settings

    candidates = EventPage.objects.filter(translation_key=page.translation_key)
    source = (
        candidates.annotate(
            default_first=Case(
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("default_first", "pk")
        .first()
    )
    return source or page


def lock_event(event_id: int) -> EventPage:
    """Lock and return the event row; call inside ``transaction.atomic``."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def count_seats_taken(event: EventPage) -> int:
    return Registration.objects.filter(event=event).holding_seat().count()


def get_waiting_position(registration: Registration) -> int | None:
    """Return 1 for the first person on the waiting list, None when not on it."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = (
        Registration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITING
        )
        .filter(queued_at__lt=registration.queued_at)
        .count()
    )
    same_time_ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
        queued_at=registration.queued_at,
        pk__lt=registration.pk,
    ).count()
    return ahead + same_time_ahead + 1


def get_cancellation_deadline(event: EventPage):
    """Return the last moment when people may cancel by themselves."""
    if event.start is None:
        return None
    deadline = event.start - conf.hours("EVENTS_CANCELLATION_HOURS")
    if event.cancellation_closes is not None:
        deadline = event.cancellation_closes
    return min(deadline, event.start)


def is_registration_open(event: EventPage, now=None) -> bool:
    try:
        check_registration_open(event, now)
    except RegistrationError:
        return False
    return True


def check_registration_open(event: EventPage, now=None) -> None:
    """Raise unless the event accepts registrations at ``now``."""
    now = now or timezone.now()
    if not event.live:
        raise RegistrationError("event_not_found")
    if event.status == EventStatus.CANCELLED:
        raise RegistrationError("event_cancelled")
    if event.status == EventStatus.POSTPONED:
        raise RegistrationError("event_postponed")
    if event.start is None or event.start <= now:
        raise RegistrationError("event_past")
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens)
        raise RegistrationError(
            "not_open_yet", opens=day_date(opens, "DATETIME_FORMAT")
        )
    if event.registration_closes and now >= event.registration_closes:
        raise RegistrationError("closed")


def check_can_register(user, event: EventPage) -> None:
    """Raise unless ``user`` (signed in) may register for ``event``."""
    if not user.is_authenticated:
        raise RegistrationError("sign_in_required")
    if not user.is_active:
        raise RegistrationError("forbidden")
    if getattr(user, "is_partner", False) and not event.is_open_to_guests:
        raise RegistrationError("staff_only")


def attendee_audience(user) -> str:
    if user is None or getattr(user, "is_partner", False):
        return AttendeeAudience.EXTERNAL
    return AttendeeAudience.STAFF


def current_language() -> str:
    from django.conf import settings

    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    position: int | None


def register(user, page: EventPage, *, origin=RegistrationOrigin.SELF):
    """Give ``user`` a seat, or a place on the waiting list when full.

    Raises ``RegistrationError`` when the event is not open to them or when
    they already hold an active registration; nothing changes then.
    """
    from .emails import queue_registration_email

    check_can_register(user, page)
    source = get_source_event(page)
    with transaction.atomic():
        event = lock_event(source.pk)
        check_can_register(user, event)
        check_registration_open(event)
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None and existing.is_active:
            raise RegistrationError(
                "already_waiting"
                if existing.status == RegistrationStatus.WAITING
                else "already_registered"
            )
        registration = existing or Registration(event=event, user=user)
        registration.name = user.get_full_name() or user.email
        registration.organisation = (
            getattr(user, "organisation", "") or getattr(user, "department", "") or ""
        )
        registration.email = user.email
        registration.language = current_language()
        registration.audience = attendee_audience(user)
        registration.origin = origin
        registration.cancelled_at = None
        registration.reminder_sent_at = None
        take_seat_or_queue(event, registration)
        queue_registration_email(registration)
        log_registration(registration, "registered", actor=user)
    return RegistrationResult(registration, get_waiting_position(registration))


def take_seat_or_queue(event: EventPage, registration: Registration) -> None:
    """Confirm ``registration`` when a seat is free, else queue it, and save.

    The caller holds the lock on ``event``.
    """
    now = timezone.now()
    full = event.capacity is not None and count_seats_taken(event) >= event.capacity
    if full:
        registration.status = RegistrationStatus.WAITING
        registration.queued_at = now
        registration.confirmed_at = None
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.queued_at = None
    registration.save()


def normalise_guest_email(email: str) -> str:
    """Return the address lower-cased, or raise when it is not professional."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationError("invalid_email") from None
    domain = email.rsplit("@", 1)[1]
    if domain in conf.get("EVENTS_PERSONAL_EMAIL_DOMAINS"):
        raise RegistrationError("personal_email")
    return email


def request_guest_registration(
    page: EventPage, *, name: str, organisation: str, email: str
) -> Registration:
    """Record a guest's request and e-mail them a confirmation link.

    No seat is kept for the request until it is confirmed.
    """
    from django.contrib.auth import get_user_model

    from .emails import queue_registration_email

    name = " ".join((name or "").split())
    organisation = " ".join((organisation or "").split())
    if not name:
        raise RegistrationError("name_required")
    email = normalise_guest_email(email)
    if not page.is_open_to_guests:
        raise RegistrationError("staff_only")
    source = get_source_event(page)
    with transaction.atomic():
        event = lock_event(source.pk)
        if not event.is_open_to_guests:
            raise RegistrationError("staff_only")
        check_registration_open(event)
        # After the checks that refuse every address alike, so that the
        # refusal of a closed event does not depend on the account.
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise RegistrationError("guest_email_in_use")
        existing = Registration.objects.filter(
            event=event, user__isnull=True, email__iexact=email
        ).first()
        if existing is not None and existing.is_active:
            check_can_request_again(existing)
        registration = existing or Registration(event=event)
        registration.name = name[:200]
        registration.organisation = organisation[:200]
        registration.email = email
        registration.language = current_language()
        registration.audience = AttendeeAudience.EXTERNAL
        registration.origin = RegistrationOrigin.GUEST
        registration.status = RegistrationStatus.PENDING
        registration.confirmed_at = None
        registration.queued_at = None
        registration.cancelled_at = None
        registration.reminder_sent_at = None
        registration.requested_at = timezone.now()
        registration.save()
        queue_registration_email(registration, "guest_confirm")
        log_registration(registration, "requested")
    return registration


def check_can_request_again(existing: Registration) -> None:
    """Raise unless the guest's active registration ``existing`` can be replaced.

    Only a pending request whose link expired can, and it gets a new link.
    """
    if existing.status == RegistrationStatus.PENDING:
        if is_guest_link_expired(existing):
            return
        raise RegistrationError("already_pending")
    if existing.status == RegistrationStatus.WAITING:
        raise RegistrationError("already_waiting")
    raise RegistrationError("already_registered")


def guest_link_expired_before(now: datetime.datetime) -> datetime.datetime:
    """Return the request time at or before which a confirmation link expired."""
    return now - conf.hours("EVENTS_GUEST_LINK_HOURS")


def is_guest_link_expired(registration: Registration, now=None) -> bool:
    """Return whether the confirmation link of a pending guest request expired.

    The link works for EVENTS_GUEST_LINK_HOURS from the request. Its signed
    timestamp is that of the e-mail, which leaves a little later, so this
    check ends the link first, at the time the purge may delete the request.
    """
    if registration.requested_at is None:
        return False
    now = now or timezone.now()
    return registration.requested_at <= guest_link_expired_before(now)


# Refusals of a guest request that would tell anyone who types an address
# whether it has an account or a registration for the event.
ADDRESS_KNOWN_CODES = frozenset(
    {"guest_email_in_use", "already_pending", "already_registered", "already_waiting"}
)


def remind_known_address(page: EventPage, email: str) -> None:
    """E-mail the owner of an address that a guest request found already known.

    The form responds as to a new request, so only the address's owner learns
    that it has an account (they are asked to sign in) or a registration (they
    get its confirmation link, or its details and management link, again).
    """
    from django.contrib.auth import get_user_model

    from .emails import queue_registration_email, send_account_holder_email

    email = normalise_guest_email(email)
    source = get_source_event(page)
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        user_id, event_id = user.pk, source.pk
        transaction.on_commit(
            lambda: send_account_holder_email.enqueue(user_id, event_id), robust=True
        )
        return
    existing = Registration.objects.filter(
        event=source, user__isnull=True, email__iexact=email
    ).first()
    if existing is None or not existing.is_active:
        return
    if existing.status == RegistrationStatus.PENDING:
        queue_registration_email(existing, "guest_confirm")
    else:
        queue_registration_email(existing)
    log_registration(existing, "reminded")


def make_guest_token(registration: Registration, salt=GUEST_CONFIRM_SALT) -> str:
    return signing.dumps({"r": registration.pk, "c": registration.code}, salt=salt)


def read_guest_token(token: str, salt: str, max_age=None) -> Registration:
    """Return the registration named by a signed link, or raise."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise RegistrationError("link_expired") from None
    except signing.BadSignature:
        raise RegistrationError("link_invalid") from None
    registration = Registration.objects.filter(
        pk=data.get("r"), code=data.get("c")
    ).first()
    if registration is None:
        raise RegistrationError("link_invalid")
    return registration


def read_guest_confirmation(token: str) -> Registration:
    """Return the pending request that a confirmation link names, without
    confirming it; raise as ``confirm_guest_registration`` would."""
    max_age = conf.hours("EVENTS_GUEST_LINK_HOURS")
    registration = read_guest_token(token, GUEST_CONFIRM_SALT, max_age=max_age)
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError("already_cancelled")
    if registration.status == RegistrationStatus.PENDING and is_guest_link_expired(
        registration
    ):
        raise RegistrationError("link_expired")
    return registration


def confirm_guest_registration(token: str) -> RegistrationResult:
    """Turn a guest's pending request into a seat or a waiting-list place.

    Opening the link again changes nothing.
    """
    from .emails import queue_registration_email

    max_age = conf.hours("EVENTS_GUEST_LINK_HOURS")
    found = read_guest_token(token, GUEST_CONFIRM_SALT, max_age=max_age)
    with transaction.atomic():
        event = lock_event(found.event_id)
        registration = Registration.objects.get(pk=found.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationError("already_cancelled")
        if registration.status != RegistrationStatus.PENDING:
            return RegistrationResult(registration, get_waiting_position(registration))
        if is_guest_link_expired(registration):
            raise RegistrationError("link_expired")
        check_registration_open(event)
        take_seat_or_queue(event, registration)
        queue_registration_email(registration)
        log_registration(registration, "confirmed")
    return RegistrationResult(registration, get_waiting_position(registration))


def check_can_cancel(registration: Registration, now=None) -> None:
    now = now or timezone.now()
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError("already_cancelled")
    if registration.status == RegistrationStatus.ATTENDED:
        raise RegistrationError("not_cancellable")
    event = registration.event
    deadline = get_cancellation_deadline(event)
    if registration.status in (
        RegistrationStatus.WAITING,
        RegistrationStatus.PENDING,
    ):
        # Leaving the waiting list frees nobody's seat: allowed until the start.
        deadline = event.start
    if deadline is None or now >= deadline:
        raise RegistrationError("not_cancellable")


def can_cancel(registration: Registration) -> bool:
    try:
        check_can_cancel(registration)
    except RegistrationError:
        return False
    return True


def cancel(
    registration_id: int, *, user=None, by_staff=False, guest=False
) -> Registration:
    """Cancel a registration and give its seat to the next person waiting.

    ``user`` must own the registration, unless ``guest`` is set (the caller
    checked a guest's signed link) or ``by_staff`` is set, which also lifts
    the self-service deadline (an editor removing someone).
    """
    from .emails import queue_registration_email

    with transaction.atomic():
        registration = Registration.objects.filter(pk=registration_id).first()
        if registration is None:
            raise RegistrationError("registration_not_found")
        owner = guest or (user is not None and registration.user_id == user.pk)
        if not by_staff and not owner:
            raise RegistrationError("registration_not_found")
        event = lock_event(registration.event_id)
        registration = Registration.objects.select_related("event").get(
            pk=registration_id
        )
        if by_staff:
            if registration.status == RegistrationStatus.CANCELLED:
                raise RegistrationError("already_cancelled")
        else:
            check_can_cancel(registration)
        freed_seat = registration.holds_seat
        was_pending = registration.status == RegistrationStatus.PENDING
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.queued_at = None
        registration.save(update_fields=["status", "cancelled_at", "queued_at"])
        if not was_pending:
            queue_registration_email(registration, "cancelled")
        log_registration(registration, "cancelled", actor=user)
        if freed_seat:
            promote_from_waiting_list(event)
    return registration


def is_seat_passed_on(registration: Registration) -> bool:
    """Return True when cancelling ``registration`` gives its seat to someone."""
    event = registration.event
    return (
        registration.holds_seat
        and can_promote(event)
        and Registration.objects.filter(event=event).waiting().exists()
    )


def can_promote(event: EventPage, now=None) -> bool:
    """Promotion happens only while registration is open, never after the start."""
    return is_registration_open(event, now)


def promote_from_waiting_list(event: EventPage) -> list[Registration]:
    """Give free seats to the first people waiting; the caller holds the lock.

    Returns the promoted registrations; their notice leaves after commit.
    """
    from .emails import queue_registration_email

    if not can_promote(event):
        return []
    promoted = []
    while True:
        free = None
        if event.capacity is not None:
            free = event.capacity - count_seats_taken(event)
            if free <= 0:
                break
        candidate = Registration.objects.filter(event=event).waiting().first()
        if candidate is None:
            break
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.confirmed_at = timezone.now()
        candidate.queued_at = None
        candidate.save(update_fields=["status", "confirmed_at", "queued_at"])
        queue_registration_email(candidate, "promoted")
        promoted.append(candidate)
        log_registration(candidate, "promoted")
    return promoted


def promote_after_capacity_change(page: EventPage) -> list[Registration]:
    """Promote waiting people after an editor raised the capacity."""
    source = get_source_event(page)
    with transaction.atomic():
        event = lock_event(source.pk)
        return promote_from_waiting_list(event)


def log_registration(registration: Registration, action: str, actor=None) -> None:
    """Log a change and add it to the audit trail, inside the transaction.

    ``action`` is a verb such as ``registered``; the audit event is named
    ``events.registration.<action>``.
    """
    logger.info(
        "registration %s %s for event %s (user %s, status %s)",
        registration.pk,
        action,
        registration.event_id,
        registration.user_id,
        registration.status,
    )
    if apps.is_installed("audit"):
        from audit import record

        record(
            f"events.registration.{action}",
            actor=actor,
            target=registration,
            event_id=registration.event_id,
            status=registration.status,
        )


def add_by_staff(
    page: EventPage,
    *,
    by,
    user=None,
    name: str = "",
    organisation: str = "",
    email: str = "",
    give_seat: bool = False,
) -> Registration:
    """Register someone on an editor's behalf: an account, or a guest.

    Without ``give_seat`` the person gets a seat when one is free, else a
    place on the waiting list; with it they get a seat even beyond the
    capacity. Registration dates do not apply, but a past event does.
    """
    from .emails import queue_registration_email

    source = get_source_event(page)
    if user is None:
        name = " ".join(name.split())
        if not name:
            raise RegistrationError("name_required")
        try:
            validate_email(email.strip())
        except ValidationError:
            raise RegistrationError("invalid_email") from None
        email = email.strip().lower()
    with transaction.atomic():
        event = lock_event(source.pk)
        if event.start is None or event.start <= timezone.now():
            raise RegistrationError("event_past")
        if user is not None:
            existing = Registration.objects.filter(event=event, user=user).first()
        else:
            existing = Registration.objects.filter(
                event=event, user__isnull=True, email__iexact=email
            ).first()
        if existing is not None and existing.is_active:
            raise RegistrationError("already_registered")
        registration = existing or Registration(event=event, user=user)
        if user is not None:
            registration.name = user.get_full_name() or user.email
            registration.email = user.email
            registration.organisation = user.organisation or user.department
        else:
            registration.name = name[:200]
            registration.email = email
            registration.organisation = organisation[:200]
        registration.audience = attendee_audience(user)
        registration.origin = RegistrationOrigin.ADMIN
        registration.cancelled_at = None
        registration.reminder_sent_at = None
        if give_seat:
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = timezone.now()
            registration.queued_at = None
            registration.save()
        else:
            take_seat_or_queue(event, registration)
        queue_registration_email(registration)
        log_registration(registration, "added", actor=by)
    return registration
