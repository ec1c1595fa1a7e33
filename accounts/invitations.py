"""Partner invitations: send, check a link, accept.

A link carries a token signed with the site's SECRET_KEY and a timestamp:
the invitation's id and its random ``secret``. It expires after
INVITATION_VALID_DAYS and works once. Sending an invitation to an address
that already has an account sends a reminder to sign in instead, and the
inviter sees the same confirmation either way.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import account_events
from .models import AccountEventKind, Invitation, User, UserKind
from .tasks import send_invitation_email

logger = logging.getLogger(__name__)

TOKEN_SALT = "accounts.invitation"

INVITATION_ERRORS = {
    "invalid": _(
        "This invitation link is not valid. Check that you copied the whole "
        "link from the e-mail, or ask the person who invited you for a new one."
    ),
    "expired": _(
        "This invitation has expired. Ask the person who invited you to send a new one."
    ),
    "used": _(
        "This invitation has already been used or was replaced by a newer one. "
        "Sign in with your e-mail address and password, or ask for a new "
        "invitation."
    ),
}


class InvitationError(Exception):
    """A refused invitation link; ``code`` is a key of INVITATION_ERRORS."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(INVITATION_ERRORS[self.code])


def make_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"id": invitation.pk, "secret": invitation.secret}, salt=TOKEN_SALT
    )


def get_accept_url(invitation: Invitation, request=None) -> str:
    with translation.override(invitation.language):
        path = reverse("accounts:accept_invitation", args=[make_token(invitation)])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invite_partner(
    inviter: User,
    *,
    email: str,
    organisation: str,
    first_name: str = "",
    last_name: str = "",
    language: str = settings.LANGUAGE_CODE,
    request=None,
) -> Invitation | None:
    """Invite ``email`` to create a partner account for ``organisation``.

    Returns the new invitation, or None when the address already has an
    account: that person gets a reminder to sign in instead.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        account_events.record(
            AccountEventKind.INVITATION_SENT,
            request=request,
            user=existing,
            actor=inviter,
            existing_account=True,
        )
        sign_in_url = build_sign_in_url(existing.language, request)
        transaction.on_commit(
            lambda: send_invitation_email.enqueue(
                email=existing.email,
                language=existing.language,
                inviter_name=inviter.display_name,
                organisation=organisation,
                url=sign_in_url,
                existing_account=True,
            )
        )
        return None
    now = timezone.now()
    # A new invitation replaces the pending ones for the same address.
    Invitation.objects.pending(now).filter(email__iexact=email).update(revoked_at=now)
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        language=language,
        invited_by=inviter,
        secret=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    account_events.record(
        AccountEventKind.INVITATION_SENT,
        request=request,
        actor=inviter,
        email=email,
        invitation=invitation.pk,
    )
    accept_url = get_accept_url(invitation, request)
    transaction.on_commit(
        lambda: send_invitation_email.enqueue(
            email=email,
            language=language,
            inviter_name=inviter.display_name,
            organisation=organisation,
            url=accept_url,
            existing_account=False,
        )
    )
    logger.info("user %s invited a partner: invitation %s", inviter.pk, invitation.pk)
    return invitation


def build_sign_in_url(language: str, request=None) -> str:
    with translation.override(language):
        path = reverse("accounts:login")
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def check_token(token: str, request=None) -> Invitation:
    """Return the pending invitation named by ``token``, or raise InvitationError."""
    max_age = datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise refused("expired", request) from None
    except signing.BadSignature:
        raise refused("invalid", request) from None
    if not isinstance(payload, dict):
        raise refused("invalid", request)
    invitation = Invitation.objects.filter(pk=payload.get("id")).first()
    if invitation is None or not secrets.compare_digest(
        invitation.secret, str(payload.get("secret", ""))
    ):
        raise refused("invalid", request)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise refused("used", request, invitation)
    if invitation.expires_at <= timezone.now():
        raise refused("expired", request, invitation)
    return invitation


def refused(
    code: str, request, invitation: Invitation | None = None
) -> InvitationError:
    account_events.record(
        AccountEventKind.INVITATION_REFUSED,
        request=request,
        reason=code,
        invitation=getattr(invitation, "pk", None),
    )
    logger.info("invitation link refused (%s), invitation %s", code, invitation)
    return InvitationError(code)


@transaction.atomic
def accept_invitation(
    invitation: Invitation,
    *,
    password: str,
    first_name: str,
    last_name: str,
    request=None,
) -> User:
    """Create the partner's account; the invitation can then not be used again."""
    now = timezone.now()
    # The conditional update makes a second, concurrent acceptance fail.
    claimed = (
        Invitation.objects.pending(now).filter(pk=invitation.pk).update(accepted_at=now)
    )
    if claimed != 1 or User.objects.filter(email__iexact=invitation.email).exists():
        transaction.set_rollback(True)
        raise refused("used", request, invitation)
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        kind=UserKind.PARTNER,
        organisation=invitation.organisation,
        language=invitation.language,
    )
    Invitation.objects.filter(pk=invitation.pk).update(user=user)
    account_events.record(
        AccountEventKind.INVITATION_ACCEPTED,
        request=request,
        user=user,
        actor=invitation.invited_by,
        invitation=invitation.pk,
    )
    logger.info("invitation %s accepted: partner account %s", invitation.pk, user.pk)
    return user
