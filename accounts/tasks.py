"""Background e-mails of the accounts app, sent in the recipient's language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_invitation_email(
    *,
    email: str,
    language: str,
    inviter_name: str,
    organisation: str,
    url: str,
    existing_account: bool,
) -> None:
    """Send an invitation, or a reminder to sign in to an existing account."""
    template = (
        "accounts/email/existing_account"
        if existing_account
        else ("accounts/email/invitation")
    )
    context = {
        "inviter_name": inviter_name,
        "organisation": organisation,
        "url": url,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, None, [email])
    logger.info("invitation e-mail sent (existing account: %s)", existing_account)
