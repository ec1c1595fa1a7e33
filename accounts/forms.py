from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from . import account_events, lockout
from .models import AccountEventKind, User

PROFILE_FIELDS = ("kind", "organisation", "department", "language")

# Shown for a wrong password, an unknown address and an account that may not
# sign in alike, so that the page reveals nothing about which accounts exist.
INVALID_SIGN_IN_MESSAGE = _(
    "Incorrect e-mail address or password. Check what you typed: "
    "the password is case-sensitive."
)
LOCKED_MESSAGE = _(
    "Too many failed sign-in attempts. For your security, sign-in is paused "
    "for a few minutes: wait a quarter of an hour, then try again, or contact "
    "the Smart Corner team."
)


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in form whose username field is the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": INVALID_SIGN_IN_MESSAGE,
        "inactive": INVALID_SIGN_IN_MESSAGE,
    }

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and lockout.is_locked(self.request, email):
            account_events.record(
                AccountEventKind.SIGN_IN_LOCKED,
                request=self.request,
                user=User.objects.filter(email__iexact=email).first(),
                email=email,
            )
            raise ValidationError(LOCKED_MESSAGE, code="locked")
        return super().clean()


class UserCreationForm(WagtailUserCreationForm):
    """Admin form to create a user, with the profile fields."""

    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class UserEditForm(WagtailUserEditForm):
    """Admin form to edit a user, with the profile fields."""

    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(PROFILE_FIELDS)
