import math

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from cms.text import TypedTextField

from . import account_events, lockout
from .models import AccountEventKind, User

PROFILE_FIELDS = ("kind", "organisation", "department", "language")

# Shown for a wrong password, an unknown address and an account that may not
# sign in alike, so that the page reveals nothing about which accounts exist.
INVALID_SIGN_IN_MESSAGE = _(
    "Incorrect e-mail address or password. Check what you typed: "
    "the password is case-sensitive."
)


def locked_message() -> str:
    """Return the lockout message, with the pause that SIGN_IN_LOCKOUT sets."""
    minutes = max(1, math.ceil(settings.SIGN_IN_LOCKOUT["SECONDS"] / 60))
    return ngettext(
        "Too many failed sign-in attempts. For your security, sign-in is "
        "paused: wait %(minutes)s minute, then try again, or contact the Smart "
        "Corner team.",
        "Too many failed sign-in attempts. For your security, sign-in is "
        "paused: wait %(minutes)s minutes, then try again, or contact the "
        "Smart Corner team.",
        minutes,
    ) % {"minutes": minutes}


class LockoutCheckMixin:
    """Reject a sign-in during a lockout before the password is checked.

    The site's form and the Wagtail admin's form both use this mixin, so both
    show ``locked_message()`` and count alike. A rejected attempt is recorded as
    ``SIGN_IN_LOCKED``, and because ``authenticate`` is not called, it adds no
    failure to the account's or the address's counter.
    """

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and lockout.is_locked(self.request, email):
            account_events.record(
                AccountEventKind.SIGN_IN_LOCKED,
                request=self.request,
                user=User.objects.filter(email__iexact=email).first(),
                email=email,
            )
            raise ValidationError(locked_message(), code="locked")
        return super().clean()


class EmailAuthenticationForm(LockoutCheckMixin, AuthenticationForm):
    """Sign-in form whose username field is the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": INVALID_SIGN_IN_MESSAGE,
        "inactive": INVALID_SIGN_IN_MESSAGE,
    }


class AdminLoginForm(LockoutCheckMixin, WagtailLoginForm):
    """Wagtail's admin sign-in form, with the site's messages and lockout check.

    Wagtail 8's ``LoginForm`` declares its password field without a label, so
    Django shows the field name, "Password", in every language.
    """

    error_messages = EmailAuthenticationForm.error_messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class UserCreationForm(WagtailUserCreationForm):
    """Admin form to create a user, with the profile fields."""

    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class UserEditForm(WagtailUserEditForm):
    """Admin form to edit a user, with the profile fields."""

    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(PROFILE_FIELDS)


class InvitationForm(forms.Form):
    """Invitation form that editors and lab facilitators fill in."""

    email = forms.EmailField(
        label=_("Partner’s e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = TypedTextField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The partner’s local authority or company."),
    )
    first_name = TypedTextField(label=_("First name"), max_length=150, required=False)
    last_name = TypedTextField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )


class AcceptInvitationForm(forms.Form):
    """The partner's name and chosen password, on the invitation page."""

    first_name = TypedTextField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = TypedTextField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; avoid common words and plain numbers."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", _("The two passwords differ: type the same one twice.")
            )
        elif first:
            candidate = User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    """Profile fields that a person may change about themselves.

    Staff give their directorate, partners their organisation; the e-mail
    address is the sign-in identity and changes through the Smart Corner team.
    """

    class Meta:
        model = User
        fields = ["first_name", "last_name", "department", "organisation", "language"]
        field_classes = {
            "first_name": TypedTextField,
            "last_name": TypedTextField,
            "department": TypedTextField,
            "organisation": TypedTextField,
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unused = "department" if self.instance.is_partner else "organisation"
        del self.fields[unused]
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        # The rule lives in accounts.language.language_after_sign_in.
        self.fields["language"].help_text = _(
            "Language of the Smart Lab e-mails you receive. After you sign in "
            "from a French page, the site opens in this language; from an English "
            "page (address starting with /en/), it stays in English."
        )


class EraseAccountForm(forms.Form):
    """Confirmation of an account erasure, which cannot be undone."""

    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be erased for good."),
    )
