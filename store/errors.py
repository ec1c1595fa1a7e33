"""Domain errors of the Smart Store, each with a stable code and a message."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MESSAGES = {
    "sign_in_required": _("Sign in with your Smart Corner account to continue."),
    "forbidden": _("Your account cannot do this."),
    "not_found": _("This reservation does not exist or is not yours."),
    "help_not_found": _("This help request does not exist or is not yours."),
    "type_not_found": _("This equipment cannot be reserved."),
    "start_in_past": _("The pick-up day is in the past: choose today or a later day."),
    "start_too_far": _(
        "The pick-up day is too far ahead: book at most %(days)s days in advance."
    ),
    "end_not_after_start": _("The return day must be after the pick-up day."),
    "too_long": _(
        "This loan is too long: %(name)s can be borrowed for at most %(max_days)s days."
    ),
    "day_closed": _(
        "The Smart Store is closed on %(day)s (%(reason)s): choose another pick-up day."
    ),
    "slot_missing": _("Choose a pick-up slot."),
    "slot_wrong_day": _("The pick-up slot must be on the pick-up day."),
    "slot_closed": _(
        "The store is closed at that time: choose one of the slots offered "
        "within the opening hours."
    ),
    "slot_too_soon": _(
        "This slot is too soon: %(name)s must be reserved %(hours)s hours "
        "before it is picked up."
    ),
    "slot_full": _("This pick-up slot is full: choose another one."),
    # Most types allow one open reservation per agent, so the count is often 1.
    "too_many_loans": ngettext_lazy(
        "You already have an open %(name)s reservation, the maximum allowed. "
        "Return the equipment or cancel the reservation first.",
        "You already have %(count)s open %(name)s reservations, the maximum "
        "allowed. Return or cancel one first.",
        "count",
    ),
    "unavailable": _(
        "No %(name)s is available for these days. Choose other days: the "
        "calendar shows what is free."
    ),
    "terms_not_accepted": _("Accept the loan terms to reserve."),
    "bad_transition": _(
        "Reservation %(reference)s is “%(status)s”: this action is not possible."
    ),
    "unit_unknown": _(
        "No equipment has the asset tag “%(tag)s”. Check the label and try again."
    ),
    "unit_not_in_service": _("Unit %(tag)s is “%(state)s”: it cannot be handed over."),
    "unit_wrong_type": _(
        "Unit %(tag)s is a %(unit_type)s, but reservation %(reference)s is for "
        "a %(name)s."
    ),
    "unit_busy": _("Unit %(tag)s is taken by another reservation on those days."),
    "unit_not_out": _("Unit %(tag)s is not on loan: there is nothing to take back."),
    "no_free_unit": _("No unit of %(name)s is free for reservation %(reference)s."),
    "extension_not_later": _("The new return day must be after the current one."),
    "help_bad_transition": _("This help request is “%(status)s”: it cannot change so."),
    "help_closed": _("This help request is closed: open a new one if you need help."),
    "help_slot_in_past": _("The preferred slot is in the past: choose a later time."),
    "help_slot_too_far": _(
        "The preferred slot is too far ahead: choose one within %(days)s days."
    ),
    "help_slot_missing": _(
        "Choose a preferred slot, or tick “I will come to the store”."
    ),
    "message_empty": _("Write a message before sending."),
    "satisfaction_invalid": _(
        "This satisfaction link is invalid or has expired. No answer was recorded."
    ),
    "satisfaction_not_yet": _(
        "This help request is not closed yet: you can rate it once it is."
    ),
    "satisfaction_done": _(
        "Thank you, an answer was already recorded for this request."
    ),
}

STATUS_CODES = {
    "sign_in_required": 403,
    "forbidden": 403,
    "not_found": 404,
    "help_not_found": 404,
    "type_not_found": 404,
    "unit_unknown": 404,
    "unavailable": 409,
    "slot_full": 409,
    "unit_busy": 409,
    "no_free_unit": 409,
    "bad_transition": 409,
    "help_bad_transition": 409,
    "satisfaction_invalid": 400,
}


class StoreError(Exception):
    """A rejected Smart Store action; ``code`` is stable, ``message`` translated.

    ``field`` names the form field the error belongs to, when there is one.
    """

    def __init__(self, code: str, field: str | None = None, **params):
        if code not in MESSAGES:
            raise ValueError(
                f"unknown store error code {code!r}: use one of {sorted(MESSAGES)}"
            )
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    @property
    def message(self) -> str:
        # A lazy plural message picks its form from the "count" parameter
        # when it is formatted, so it is formatted before any str().
        template = MESSAGES[self.code]
        return str(template % self.params) if self.params else str(template)

    @property
    def status_code(self) -> int:
        return STATUS_CODES.get(self.code, 400)

    def __str__(self) -> str:
        return self.message
