"""Domain errors of the Smart Lab, each with a stable code and a message."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "sign_in_required": _("Connectez-vous pour proposer une idée ou voter."),
    "forbidden": _("Votre compte ne permet pas de participer à ce tableau."),
    "not_found": _("Cette idée n’existe pas ou n’est plus visible."),
    "board_closed": _("Le dépôt d’idées est fermé sur ce tableau."),
}

STATUS_CODES = {"sign_in_required": 403, "forbidden": 403, "not_found": 404}


class IdeationError(Exception):
    """A refused Smart Lab action; ``code`` is stable, ``message`` translated."""

    def __init__(self, code: str):
        if code not in MESSAGES:
            raise ValueError(
                f"unknown ideation error code {code!r}: use one of {sorted(MESSAGES)}"
            )
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])

    @property
    def status_code(self) -> int:
        return STATUS_CODES.get(self.code, 400)
