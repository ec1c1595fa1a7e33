"""Authentication backend: e-mail and password, with the account's own rules."""

import logging

from django.contrib.auth.backends import ModelBackend

from . import lockout

logger = logging.getLogger(__name__)


class EmailBackend(ModelBackend):
    """Sign in by e-mail, for accounts that may still sign in.

    Every sign-in form (the site's and the Wagtail admin's) goes through
    ``authenticate``, so the lockout applies to all of them. ``get_user`` calls
    ``user_can_authenticate`` too, so a session ends at its next request once
    the account is deactivated, erased or expired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and lockout.is_locked(request, username):
            logger.info("sign-in refused while locked out")
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return user.can_sign_in()
