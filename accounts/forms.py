from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

PROFILE_FIELDS = ("kind", "organisation", "department")


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in form whose username field is the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _(
            "Incorrect e-mail address or password. Check what you typed: "
            "the password is case-sensitive."
        ),
        "inactive": _("This account is disabled. Contact the Smart Corner team."),
    }


class UserCreationForm(WagtailUserCreationForm):
    """Admin form to create a user, with the profile fields."""

    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class UserEditForm(WagtailUserEditForm):
    """Admin form to edit a user, with the profile fields."""

    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(PROFILE_FIELDS)
