"""Forms of the Smart Lab board: posting an idea and toggling a vote."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .services import normalize_text


class PlainTextField(forms.CharField):
    """A text field whose value has LF line breaks before its length is checked.

    Browsers count a line break as one character against ``maxlength`` but
    submit it as CRLF, which would otherwise fail the server-side check.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_text(value) if value else value


class IdeaForm(forms.Form):
    title = PlainTextField(
        label=_("Title"),
        max_length=settings.IDEA_TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Enter a title for your idea."),
            "max_length": _(
                "The title is too long: use at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    description = PlainTextField(
        label=_("Description"),
        required=False,
        max_length=settings.IDEA_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Plain text; line breaks are kept."),
        error_messages={
            "max_length": _(
                "The description is too long: use at most %(limit_value)d "
                "characters (it has %(show_value)d)."
            ),
        },
    )


class VoteForm(forms.Form):
    voted = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("The vote is missing: send voted=1 or voted=0."),
            "invalid_choice": _("The vote is invalid: send voted=1 or voted=0."),
        },
    )
