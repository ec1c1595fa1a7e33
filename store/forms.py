"""Forms of the Smart Store: reservation, help request, desk actions."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from cms.text import TypedTextField

from .models import EquipmentType, HelpKind, UnitCondition
from .models.help import (
    EXTERNAL_REFERENCE_MAX_LENGTH,
    HELP_DESCRIPTION_MAX_LENGTH,
    HELP_MESSAGE_MAX_LENGTH,
)
from .models.reservations import EVENT_NOTE_MAX_LENGTH

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Enter a date."),
    "invalid": _("Enter a valid date, such as 2027-03-15."),
}


def parse_slot(value: str) -> datetime.datetime | None:
    """Return the aware datetime of a slot value (ISO 8601), or None."""
    try:
        moment = parse_datetime(value or "")
    except ValueError:
        # Well-formed but impossible, such as month 13 or a +99:00 offset.
        return None
    if moment is None or timezone.is_naive(moment):
        return None
    return moment


class ReservationForm(forms.Form):
    equipment_type = forms.ModelChoiceField(
        label=_("Equipment"),
        queryset=EquipmentType.objects.filter(is_active=True),
        empty_label=_("Choose the equipment"),
        error_messages={
            "required": _("Choose the equipment to reserve."),
            "invalid_choice": _("This equipment cannot be reserved."),
        },
    )
    start_date = forms.DateField(
        label=_("Pick-up day"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    end_date = forms.DateField(
        label=_("Return day"),
        widget=DATE_INPUT,
        error_messages=DATE_ERRORS,
        help_text=_("You bring the equipment back on this day."),
    )
    pickup_at = forms.CharField(
        label=_("Pick-up slot"),
        required=False,
        widget=forms.HiddenInput,
    )
    note = TypedTextField(
        label=_("Note to the store team"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what you need the equipment for, accessories."),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the loan terms"),
        required=False,
    )
    service = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_pickup_at(self):
        value = self.cleaned_data.get("pickup_at", "")
        if not value:
            return None
        moment = parse_slot(value)
        if moment is None:
            raise forms.ValidationError(_("Choose one of the pick-up slots offered."))
        return moment


class HelpRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you need?"),
        choices=HelpKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of help you need."),
            "invalid_choice": _("Choose the kind of help you need."),
        },
    )
    description = TypedTextField(
        label=_("Describe your need"),
        max_length=HELP_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe what you need help with.")},
    )
    walk_in = forms.BooleanField(
        label=_("I will come to the store, without an appointment"),
        required=False,
    )
    preferred_at = forms.DateTimeField(
        label=_("Preferred slot"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text=_(
            "A day and time when the store team can help you. Required unless "
            "you tick “I will come to the store, without an appointment”."
        ),
        error_messages={"invalid": _("Enter a valid date and time.")},
    )
    service = forms.UUIDField(required=False, widget=forms.HiddenInput)


class HelpMessageForm(forms.Form):
    body = TypedTextField(
        label=_("Your message"),
        max_length=HELP_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before sending.")},
    )


class HelpHandlingForm(forms.Form):
    """The staff's reference of a help request in another ticketing tool."""

    external_reference = TypedTextField(
        label=_("External ticket"),
        required=False,
        max_length=EXTERNAL_REFERENCE_MAX_LENGTH,
    )


class SatisfactionForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the help you received?"),
        choices=[
            (5, _("5 — Very satisfied")),
            (4, _("4 — Satisfied")),
            (3, _("3 — Neutral")),
            (2, _("2 — Dissatisfied")),
            (1, _("1 — Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating.")},
    )
    comment = TypedTextField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssetTagForm(forms.Form):
    asset_tag = forms.CharField(
        label=_("Asset tag"),
        max_length=40,
        error_messages={"required": _("Scan or type an asset tag.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class ConditionForm(forms.Form):
    condition = forms.ChoiceField(
        label=_("Condition"), choices=UnitCondition.choices, initial=UnitCondition.GOOD
    )
    notes = TypedTextField(
        label=_("Condition notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    note = TypedTextField(
        label=_("Reason for the rejection"),
        required=False,
        max_length=EVENT_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExtendForm(forms.Form):
    end_date = forms.DateField(
        label=_("New return day"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
