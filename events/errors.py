"""Domain errors of the programme, each with a stable code and a message."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "sign_in_required": _("Sign in to register for this event."),
    "event_not_found": _("This event does not exist or is not published."),
    "staff_only": _(
        "This event is reserved for département staff. Partners and guests can "
        "register only for events open to external guests."
    ),
    "not_open_yet": _("Come back on %(opens)s, when registration opens."),
    "closed": _("Registration for this event is closed."),
    "event_cancelled": _("This event is cancelled: registration is closed."),
    "event_postponed": _(
        "This event is postponed: registration will reopen with the new date."
    ),
    "event_past": _("This event has already started or is over."),
    "already_registered": _("You are already registered for this event."),
    "already_waiting": _("You are already on the waiting list of this event."),
    "already_pending": _(
        "A registration with this e-mail address is waiting for confirmation. "
        "Open the link in the e-mail we sent to confirm it."
    ),
    "guest_email_in_use": _(
        "This e-mail address belongs to an account: sign in to register."
    ),
    "invalid_email": _("Enter a valid professional e-mail address."),
    "personal_email": _(
        "Use your professional e-mail address, not a personal mailbox."
    ),
    "name_required": _("Enter your first and last name."),
    "registration_not_found": _("This registration does not exist."),
    "not_cancellable": _(
        "This registration can no longer be cancelled online. Contact the "
        "Smart Corner team if you cannot come."
    ),
    "already_cancelled": _("This registration is already cancelled."),
    "link_invalid": _(
        "This confirmation link is invalid. Copy the whole link from the e-mail."
    ),
    "link_expired": _(
        "This confirmation link has expired. Register again to get a new one."
    ),
    "forbidden": _("You are not allowed to do this."),
    "code_not_found": _(
        "No registration for this event has the code %(check_in_code)s."
    ),
    "not_checkable": _("This registration is cancelled or not confirmed yet."),
    "walk_in_closed": _(
        "This event ended on %(ended)s, and people who came without "
        "registering could be added until %(deadline)s only."
    ),
}

STATUS_CODES = {
    "sign_in_required": 403,
    "staff_only": 403,
    "forbidden": 403,
    "event_not_found": 404,
    "registration_not_found": 404,
    "code_not_found": 404,
}


class RegistrationError(Exception):
    """A rejected programme action; ``code`` is stable, ``message`` translated.

    ``params`` fill the named placeholders of the message.
    """

    def __init__(self, code: str, /, **params):
        if code not in MESSAGES:
            raise ValueError(
                f"unknown registration error code {code!r}: use one of "
                f"{sorted(MESSAGES)}"
            )
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        text = str(MESSAGES[self.code])
        return text % self.params if self.params else text

    @property
    def status_code(self) -> int:
        return STATUS_CODES.get(self.code, 400)
