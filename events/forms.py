"""Forms of the programme pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.text import TypedTextField


class GuestRegistrationForm(forms.Form):
    """A guest without an account: the services check the address further."""

    name = TypedTextField(label=_("First and last name"), max_length=200)
    organisation = TypedTextField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Your local authority, company or association."),
    )
    email = forms.EmailField(
        label=_("Professional e-mail address"),
        max_length=254,
        error_messages={"invalid": _("Enter a valid professional e-mail address.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class WalkInForm(forms.Form):
    """Someone who comes without a registration, added at check-in."""

    name = TypedTextField(label=_("First and last name"), max_length=200)
    organisation = TypedTextField(
        label=_("Organisation"), max_length=200, required=False
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    external = forms.BooleanField(
        label=_("External guest (not département staff)"), required=False
    )


class CheckInCodeForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=32)

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()
