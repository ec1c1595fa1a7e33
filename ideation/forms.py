"""Forms of the Smart Lab: ideas, votes, comments, flags and facilitator tools."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .attachments import check_upload
from .errors import IdeationError
from .models import (
    COMMENT_MAX_LENGTH,
    EmailFrequency,
    FlagReason,
    IdeaCategory,
    Phase,
)
from .services import normalize_text
from .statuses import facilitator_statuses

ATTACHMENT_HELP = _(
    "Optional. An image (PNG, JPEG, WebP or GIF) or a document (PDF, Word, "
    "Excel, PowerPoint, OpenDocument or plain text), 5 MB at most."
)
MAX_TAGS = 8
TAG_MAX_LENGTH = 40


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
        # Django renders help texts as HTML: no tag names in this text.
        help_text=_(
            "Optional. Line breaks are kept. For bold, put the words between "
            "two asterisks (**words**), for italics between one (*words*). "
            "Start lines with a dash for a list, or with 1. for a numbered "
            "list. Web addresses become links."
        ),
        error_messages={
            "max_length": _(
                "The description is too long: use at most %(limit_value)d "
                "characters (it has %(show_value)d)."
            ),
        },
    )

    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=IdeaCategory.objects.all(),
        required=False,
        empty_label=_("No category"),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Optional. Separate tags with commas."),
    )
    attachment = forms.FileField(
        label=_("Image or document"), required=False, help_text=ATTACHMENT_HELP
    )

    def clean_tags(self):
        names = []
        for raw in self.cleaned_data.get("tags", "").split(","):
            name = " ".join(normalize_text(raw).split()).lower()
            if name and name not in names:
                names.append(name)
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                _("Use at most %(count)s tags.") % {"count": MAX_TAGS}
            )
        if any(len(name) > TAG_MAX_LENGTH for name in names):
            raise forms.ValidationError(
                _("A tag is too long: use at most %(count)s characters per tag.")
                % {"count": TAG_MAX_LENGTH}
            )
        return names

    def clean_attachment(self):
        """Check the upload by its content; the services check it again."""
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            check_upload(upload)
        except IdeationError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return upload


class IdeaEditForm(IdeaForm):
    attachment = forms.FileField(
        label=_("Replace the image or document"),
        required=False,
        help_text=ATTACHMENT_HELP,
    )
    remove_attachment = forms.BooleanField(
        label=_("Remove the current image or document"), required=False
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


class CommentForm(forms.Form):
    body = PlainTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your comment before sending it."),
            "max_length": _(
                "The comment is too long: use at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    details = PlainTextField(
        label=_("Details"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. What should the facilitators know?"),
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("New status"),
        queryset=facilitator_statuses(),
        empty_label=None,
    )
    feedback = PlainTextField(
        label=_("Public feedback"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the idea's timeline and sent to its followers."),
    )


class WithdrawForm(forms.Form):
    explanation = PlainTextField(
        label=_("Explanation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional. Shown on the idea’s timeline and sent to the people "
            "who follow it, for example: “An idea already in place covers it.”"
        ),
    )


class MergeForm(forms.Form):
    """Choice of the idea that absorbs this one: likely duplicates first,
    then the rest of the board (``merging.get_merge_candidates``)."""

    target = forms.TypedChoiceField(
        label=_("Idea to merge into"),
        coerce=int,
        help_text=_(
            "Its votes and followers move to the chosen idea, each person once."
        ),
        error_messages={
            "required": _("Choose the idea to merge this one into."),
            "invalid_choice": _(
                "This idea can no longer be chosen: it was merged, hidden or "
                "removed in the meantime. Choose another one in the list."
            ),
        },
    )

    def __init__(self, *args, similar=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)

        def options(ideas):
            return [
                (
                    idea.pk,
                    _("No. %(number)s: %(title)s")
                    % {"number": idea.pk, "title": idea.title},
                )
                for idea in ideas
            ]

        choices = [("", _("Choose an idea"))]
        if similar:
            choices.append((_("Similar titles"), options(similar)))
        if others:
            choices.append((_("Other ideas of the board"), options(others)))
        self.fields["target"].choices = choices
        self.has_candidates = bool(similar or others)


# The names the phase banner shows (ideation/includes/live.html), which are
# longer than the model's short labels.
PHASE_CHOICES = [
    (Phase.SUBMISSION, _("Submission of ideas")),
    (Phase.VOTING, _("Voting")),
    (Phase.RESULTS, _("Results")),
]


# Maximum countdown, in minutes: a submission phase can last a month.
MAX_PHASE_MINUTES = 31 * 24 * 60


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=PHASE_CHOICES)
    minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        required=False,
        min_value=1,
        max_value=MAX_PHASE_MINUTES,
        help_text=_(
            "Optional. Starts a countdown on every screen: 60 for an hour, "
            "1,440 for a day, up to 44,640 (31 days)."
        ),
    )


class SwitchesForm(forms.Form):
    """Rules of the current phase, changed without leaving the phase."""

    posting_open = forms.BooleanField(
        label=_("New ideas can be posted"), required=False
    )
    voting_open = forms.BooleanField(label=_("Votes are open"), required=False)
    commenting_open = forms.BooleanField(label=_("Comments are open"), required=False)
    hide_vote_counts = forms.BooleanField(
        label=_("Hide the vote counts until the results"), required=False
    )


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Receive the news by e-mail"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
