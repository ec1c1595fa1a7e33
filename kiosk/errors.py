"""Errors of the kiosk, each with a stable code and a message for people."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "heartbeat_too_large": _("The heartbeat is too large: send at most 2 KB."),
    "heartbeat_not_json": _("The heartbeat is not valid JSON."),
    "heartbeat_not_object": _("The heartbeat must be a JSON object."),
    "heartbeat_invalid_field": _(
        "The heartbeat field “%(field)s” is missing or invalid: send a short "
        "text for “version” and whole numbers from 0 for the memory figures."
    ),
}


class KioskError(Exception):
    """A request from a screen that the kiosk rejects, with its reason."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params
