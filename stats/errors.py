"""Errors of the indicators, with a stable code and a message for people."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "quarter_not_over": _(
        "This quarter is not over yet: you can freeze it once its last day has passed."
    ),
    "already_frozen": _(
        "This quarter is already frozen; its figures stay as they are."
    ),
}


class StatsError(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])
