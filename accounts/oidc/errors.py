"""Why single sign-on failed, with the message shown to the person."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "disabled": _(
        "Single sign-on is not available on this site. Sign in with your "
        "e-mail address and password."
    ),
    "state": _(
        "This sign-in link is invalid or has expired. Start the sign-in again "
        "from the sign-in page."
    ),
    "provider_error": _(
        "The identity provider did not sign you in. Start again, or sign in "
        "with your e-mail address and password."
    ),
    "provider_unreachable": _(
        "The identity provider cannot be reached at the moment. Try again in a "
        "few minutes, or sign in with your e-mail address and password."
    ),
    "invalid_answer": _(
        "The identity provider’s answer could not be verified, so you were not "
        "signed in. Start the sign-in again; if this happens again, contact the "
        "Smart Corner team."
    ),
    "email_missing": _(
        "The identity provider did not send a verified e-mail address, so you "
        "cannot be signed in. Contact the Smart Corner team."
    ),
    "email_domain": _(
        "Single sign-on is open to the département’s staff only. Partners sign "
        "in with their e-mail address and password."
    ),
    "account_unavailable": _(
        "Your identity was confirmed, but it gives no access to Smart Corner. "
        "Contact the Smart Corner team."
    ),
}


class SingleSignOnError(Exception):
    """A refused or failed single sign-on; ``code`` is a key of MESSAGES.

    ``detail`` is for the logs only and never shown: it may name what the
    provider sent.
    """

    def __init__(self, code: str, detail: str = ""):
        if code not in MESSAGES:
            raise ValueError(f"unknown single sign-on error code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])
