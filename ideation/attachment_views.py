"""The file attached to an idea, served with the idea's visibility rule.

Pages link here rather than to ``MEDIA_URL``: a hidden idea's file is then
refused like its page, and the response carries the checked content type.
"""

import logging
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from . import permissions, services
from .attachments import CONTENT_TYPES, IMAGE_TYPES
from .errors import IdeationError
from .models import Idea

logger = logging.getLogger(__name__)


def get_attachment_idea_for(user, idea_id: int) -> Idea:
    """Return the idea if ``user`` may see it, hidden ones to facilitators only.

    Raises ``Http404`` otherwise, and when the idea has no attachment.
    """
    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None or not idea.attachment:
        raise Http404
    try:
        board = services.get_board_by_key_for(user, idea.board_key)
    except IdeationError:
        raise Http404 from None
    if permissions.can_see_idea(user, idea):
        return idea
    if idea.is_hidden and permissions.is_facilitator(user, board):
        return idea
    raise Http404


@require_safe
def idea_attachment(request, idea_id: int):
    idea = get_attachment_idea_for(request.user, idea_id)
    try:
        handle = idea.attachment.open("rb")
    except OSError:
        logger.warning("idea %s: attachment %s missing", idea.pk, idea.attachment.name)
        raise Http404 from None
    extension = PurePath(idea.attachment.name).suffix.lower().lstrip(".")
    checked = bool(idea.attachment_name) and extension in CONTENT_TYPES
    # Files stored before uploads were checked by content are only downloaded.
    content_type = CONTENT_TYPES[extension] if checked else "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=not (checked and extension in IMAGE_TYPES),
        filename=idea.attachment_label,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A file opened on its own runs no script and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # The idea may be hidden at any moment: no shared cache keeps the file.
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    return response
