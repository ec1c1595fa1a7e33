"""Turn the claims of a verified identity into a Smart Corner account."""

import logging

from django.conf import settings
from django.db import transaction

from ..backends import EmailBackend
from ..models import User, UserKind
from .errors import SingleSignOnError

logger = logging.getLogger(__name__)


def get_email(claims: dict) -> str:
    """Return the verified e-mail address of the claims, in lower case."""
    email = str(claims.get("email") or "").strip().lower()
    # Keycloak and LemonLDAP::NG send email_verified; ProConnect sends only
    # addresses it has verified and omits the claim. An explicit false is
    # refused.
    if not email or "@" not in email or claims.get("email_verified") is False:
        raise SingleSignOnError("email_missing", "no verified e-mail claim")
    return email


def check_domain(email: str) -> None:
    allowed = settings.OIDC["ALLOWED_EMAIL_DOMAINS"]
    domain = email.rsplit("@", 1)[1]
    if allowed and domain not in allowed:
        raise SingleSignOnError("email_domain", f"domain {domain!r} is not allowed")


def names_from(claims: dict) -> dict:
    """Return first and last names; ProConnect calls the last name usual_name."""
    last_name = claims.get("family_name") or claims.get("usual_name") or ""
    return {
        "first_name": str(claims.get("given_name") or "")[:150],
        "last_name": str(last_name)[:150],
    }


@transaction.atomic
def get_or_create_staff_user(claims: dict) -> User:
    """Return the account matching the claims' e-mail, creating an agent's.

    Raises SingleSignOnError when the domain is not allowed, or the account
    may not sign in (deactivated, erased, expired), or does not exist and
    OIDC_CREATE_USERS is off.
    """
    email = get_email(claims)
    check_domain(email)
    names = {key: value for key, value in names_from(claims).items() if value}
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not settings.OIDC["CREATE_USERS"]:
            raise SingleSignOnError("account_unavailable", "no account, creation off")
        user = User.objects.create_user(email=email, kind=UserKind.AGENT, **names)
        logger.info("created account %s on first single sign-on", user.pk)
        return user
    if not EmailBackend().user_can_authenticate(user):
        raise SingleSignOnError(
            "account_unavailable", f"account {user.pk} may not sign in"
        )
    changed = [field for field, value in names.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, names[field])
    if changed:
        user.save(update_fields=changed)
    return user
