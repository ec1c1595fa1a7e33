"""Personal data of the accounts app: export, erasure, retention.

``accounts.privacy`` finds this module like every app's ``personal_data``
module, and runs this app's erasure last, after the others have detached
their rows from the account.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import AccountEvent, Invitation, User, UserKind

logger = logging.getLogger(__name__)

# Invitations that can no longer be used are kept this long, for the
# inviter's list, then deleted.
SPENT_INVITATION_DAYS = 90


def format_time(value) -> str | None:
    return value.isoformat() if value is not None else None


def export_user_data(user: User) -> dict[str, list[dict]]:
    """Return the profile, invitations and sign-in log of ``user``."""
    return {
        "profile": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "kind": user.kind,
                "organisation": user.organisation,
                "department": user.department,
                "language": user.language,
                "date_joined": format_time(user.date_joined),
                "last_login": format_time(user.last_login),
                "groups": ", ".join(user.groups.values_list("name", flat=True)),
            }
        ],
        "invitation_received": [
            {
                "organisation": invitation.organisation,
                "sent_at": format_time(invitation.created_at),
                "accepted_at": format_time(invitation.accepted_at),
            }
            for invitation in Invitation.objects.filter(user=user).order_by("pk")
        ],
        # The invitees' addresses are their data, not the inviter's.
        "invitations_sent": [
            {
                "organisation": invitation.organisation,
                "sent_at": format_time(invitation.created_at),
                "accepted": invitation.accepted_at is not None,
            }
            for invitation in Invitation.objects.filter(invited_by=user).order_by("pk")
        ],
        "sign_in_log": [
            {
                "event": event.kind,
                "at": format_time(event.created_at),
                "ip_address": event.ip_address,
                "browser": event.user_agent,
            }
            for event in AccountEvent.objects.filter(user=user).order_by("pk")
        ],
    }


def anonymised_email(user: User) -> str:
    # ".invalid" is reserved (RFC 2606): no mail can ever reach it.
    return f"compte-supprime-{user.pk}@erased.invalid"


@transaction.atomic
def erase_user_data(user: User) -> None:
    """Remove the person's identity from the account and the sign-in log.

    The account row stays, inactive and nameless, so that rows other apps
    keep (anonymised ideas, aggregated registrations) still have an author.
    Sign-in log entries stay until their retention period ends, without the
    address typed or the browser. Their IP address is kept for that period,
    because it is what an investigation of an attack needs.
    """
    Invitation.objects.filter(email__iexact=user.email).delete()
    AccountEvent.objects.filter(user=user).update(email="", user_agent="")
    user.email = anonymised_email(user)
    user.first_name = ""
    user.last_name = ""
    user.organisation = ""
    user.department = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    now = timezone.now()
    user.erased_at = now
    user.deactivated_at = user.deactivated_at or now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    logger.info("account %s anonymised", user.pk)


def months_ago(now: datetime.datetime, months: int) -> datetime.datetime:
    """Return the time ``months`` thirty-day months before ``now``."""
    return now - datetime.timedelta(days=30 * months)


def purge_expired(now: datetime.datetime) -> dict[str, int]:
    """Apply the retention periods of accounts; return counts per action.

    Partners inactive for PARTNER_INACTIVITY_DAYS are deactivated, and erased
    (with every app's data) after PARTNER_ERASURE_DAYS. The sign-in log and
    spent invitations are deleted after their periods.
    """
    from .privacy import erase_account
    from .services import deactivate_user

    partners = User.objects.filter(kind=UserKind.PARTNER, erased_at__isnull=True)
    erase_before = now - datetime.timedelta(days=settings.PARTNER_ERASURE_DAYS)
    deactivate_before = now - datetime.timedelta(days=settings.PARTNER_INACTIVITY_DAYS)
    erased = 0
    for user in inactive_since(partners, erase_before):
        erase_account(user, reason="partner_inactive")
        erased += 1
    deactivated = 0
    for user in inactive_since(partners.filter(is_active=True), deactivate_before):
        deactivate_user(user, reason="partner_inactive")
        deactivated += 1
    log_deleted, _detail = AccountEvent.objects.filter(
        created_at__lt=months_ago(now, settings.SIGN_IN_AUDIT_RETENTION_MONTHS)
    ).delete()
    spent = now - datetime.timedelta(days=SPENT_INVITATION_DAYS)
    invitations_deleted, _detail = Invitation.objects.filter(
        expires_at__lt=spent
    ).delete()
    return {
        "partners_erased": erased,
        "partners_deactivated": deactivated,
        "sign_in_log_deleted": log_deleted,
        "invitations_deleted": invitations_deleted,
    }


def inactive_since(users, before: datetime.datetime):
    """Users whose last sign-in (or creation, if none) is before ``before``."""
    return list(
        users.filter(
            Q(last_login__lt=before)
            | Q(last_login__isnull=True, date_joined__lt=before)
        ).order_by("pk")
    )
