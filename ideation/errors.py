"""Domain errors of the Smart Lab, each with a stable code and a message."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "sign_in_required": _("Sign in to post an idea or to vote."),
    "forbidden": _("Your account cannot take part in this board."),
    "not_found": _("This idea does not exist or is no longer visible."),
    "board_not_found": _("This board does not exist or is not published."),
    "board_closed": _(
        "This board no longer accepts new ideas. You can still read and vote."
    ),
    "title_required": _("Enter a title for your idea."),
    "title_too_long": _(
        "The title is too long: use at most %(max_length)s characters."
    ),
    "description_too_long": _(
        "The description is too long: use at most %(max_length)s characters."
    ),
    "not_author": _("Only the authors of this idea can change it."),
    "editing_closed": _(
        "This idea can no longer be changed: the submission phase is over."
    ),
    "team_member": _("You are already an author of this idea."),
    "team_request_declined": _(
        "The authors of this idea have declined your request to join its team. "
        "Write a comment if you want to work with them."
    ),
    "team_request_not_found": _(
        "This request to join the team does not exist or has already been answered."
    ),
    "team_author_only": _(
        "Only the author of this idea can remove a member of its team."
    ),
    "team_member_not_found": _("This person is not in the team of this idea."),
    "idea_closed": _("This idea is closed: its votes are final."),
    "awaiting_moderation": _(
        "This idea awaits moderation. It takes votes, comments and reports "
        "once a facilitator has published it."
    ),
    "idea_merged": _(
        "This idea was merged into another one: comment on that one instead."
    ),
    "voting_closed": _("Voting is closed on this board: the votes are final."),
    "commenting_closed": _("Comments are closed on this board."),
    "comment_required": _("Write your comment before sending it."),
    "comment_too_long": _(
        "The comment is too long: use at most %(max_length)s characters."
    ),
    "not_comment_author": _("Only the author of this comment can change it."),
    "facilitators_only": _("Only the facilitators of this board can do this."),
    "merge_invalid": _("Choose another idea of the same board to merge into."),
    "status_not_found": _("This status does not exist."),
    "withdraw_author_only": _("Only the person who posted this idea can withdraw it."),
    "withdraw_closed": _(
        "This idea is already closed or merged: it can no longer be withdrawn."
    ),
    "withdraw_already": _("You have already withdrawn this idea."),
    "attachment_too_large": _("The file is too large: send at most %(megabytes)s MB."),
    "attachment_type": _(
        "This type of file is not accepted: send a PNG, JPEG, WebP or GIF image, "
        "or a PDF, Word, Excel, PowerPoint, OpenDocument or plain text (.txt) "
        "document. The content of the file counts, not its name."
    ),
    "attachment_invalid_image": _(
        "This file is not a valid image: its content does not match its name. "
        "Send a PNG, JPEG, WebP or GIF image exported again from your software."
    ),
    "attachment_too_many_pixels": _(
        "This image has too many pixels: send one of at most %(megapixels)s "
        "million pixels, reduced in your image software."
    ),
}

STATUS_CODES = {
    "sign_in_required": 403,
    "forbidden": 403,
    "not_found": 404,
    "board_not_found": 404,
    "not_author": 403,
    "not_comment_author": 403,
    "facilitators_only": 403,
    "status_not_found": 404,
    "team_author_only": 403,
    "withdraw_author_only": 403,
    "withdraw_closed": 409,
    "withdraw_already": 409,
}


class IdeationError(Exception):
    """A rejected Smart Lab action; ``code`` is stable, ``message`` translated.

    ``params`` fill the named placeholders of the message, such as
    ``max_length``.
    """

    def __init__(self, code: str, **params):
        if code not in MESSAGES:
            raise ValueError(
                f"unknown ideation error code {code!r}: use one of {sorted(MESSAGES)}"
            )
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        text = str(MESSAGES[self.code])
        return text % self.params if self.params else text

    @property
    def status_code(self) -> int:
        return STATUS_CODES.get(self.code, 400)
