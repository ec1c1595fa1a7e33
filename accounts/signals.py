"""Audit every sign-in, failed sign-in and sign-out, whichever form was used.

Django sends these signals from ``login``, ``authenticate`` and ``logout``,
so the site's sign-in page, single sign-on and the Wagtail admin's own
sign-in form are all recorded and counted for the lockout. The Smart Lab's
live layer closes the person's sockets on sign-out through the same signal.
"""

import logging

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from . import account_events, lockout
from .models import AccountEventKind, User

logger = logging.getLogger(__name__)

# Views that sign people in another way than a password set this attribute
# on the request before calling ``login``.
SIGN_IN_METHOD_ATTRIBUTE = "sign_in_method"


@receiver(user_logged_in, dispatch_uid="accounts.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    method = getattr(request, SIGN_IN_METHOD_ATTRIBUTE, "password")
    lockout.clear_account(user.email)
    account_events.record(
        AccountEventKind.SIGN_IN, request=request, user=user, method=method
    )


@receiver(user_login_failed, dispatch_uid="accounts.audit_sign_in_failure")
def audit_sign_in_failure(sender, credentials, request=None, **kwargs):
    email = str(credentials.get("username") or credentials.get("email") or "")
    locked = lockout.is_locked(request, email)
    lockout.record_failure(request, email)
    user = User.objects.filter(email__iexact=email).first() if email else None
    kind = (
        AccountEventKind.SIGN_IN_LOCKED if locked else AccountEventKind.SIGN_IN_FAILED
    )
    account_events.record(kind, request=request, user=user, email=email)


@receiver(user_logged_out, dispatch_uid="accounts.audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs):
    if user is None:
        return
    account_events.record(AccountEventKind.SIGN_OUT, request=request, user=user)
