"""Exports of a board's ideas for its facilitators: CSV and XLSX.

The French CSV dialect is what French spreadsheet software opens with a
double click: ``;`` separators and a UTF-8 byte order mark. The standard one
is RFC 4180 with commas and no mark. Rows come from ``visible_to``, so hidden
ideas and unreadable boards never reach a file.
"""

import csv
import io
import logging

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from . import permissions
from .errors import IdeationError
from .formatting import plain_text
from .models import Comment, Idea

logger = logging.getLogger(__name__)

# Spreadsheets run cells starting with these characters as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("Number"),
        _("Title"),
        _("Description"),
        _("Author"),
        _("Category"),
        _("Tags"),
        _("Status"),
        _("Votes"),
        _("Comments"),
        _("Posted on"),
        _("Merged into"),
        _("Comment texts"),
    ]


def neutralise(value):
    """Keep a text cell from being read as a formula by a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def get_rows(user, board) -> list[list]:
    """Return one row per idea of ``board`` that ``user`` may export."""
    if not permissions.is_facilitator(user, board):
        raise IdeationError("facilitators_only")
    ideas = (
        Idea.objects.visible_to(user)
        .for_board(board.board_key)
        .select_related("author", "category", "status")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )
    comments: dict[int, list[str]] = {}
    for comment in (
        Comment.objects.visible()
        .filter(idea__in=ideas)
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments.setdefault(comment.idea_id, []).append(
            f"{comment.author.get_full_name()}: {comment.body}"
        )
    rows = []
    for idea in ideas:
        rows.append(
            [
                idea.pk,
                idea.title,
                plain_text(idea.description_html) or idea.description,
                idea.author.get_full_name(),
                idea.category.localized_name if idea.category else "",
                ", ".join(tag.name for tag in idea.tags.all()),
                idea.status.localized_name if idea.status else _("Open"),
                idea.vote_count,
                idea.comment_count,
                timezone.localtime(idea.created_at).strftime("%Y-%m-%d %H:%M"),
                idea.merged_into_id or "",
                "\n".join(comments.get(idea.pk, [])),
            ]
        )
    logger.info("board %s: %s ideas exported by user %s", board.pk, len(rows), user.pk)
    return rows


def file_name(board, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"idees-{board.slug}-{stamp}.{extension}"


def render_csv(user, board, dialect: str) -> bytes:
    buffer = io.StringIO()
    if dialect == "french":
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    for row in get_rows(user, board):
        writer.writerow([neutralise(value) for value in row])
    prefix = "\ufeff" if dialect == "french" else ""
    return (prefix + buffer.getvalue()).encode("utf-8")


def csv_response(user, board, dialect: str) -> HttpResponse:
    response = HttpResponse(
        render_csv(user, board, dialect), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(board, "csv")}"'
    )
    return response


def render_xlsx(user, board) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ideas")[:31]
    sheet.append(headers())
    for row in get_rows(user, board):
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(user, board) -> HttpResponse:
    response = HttpResponse(
        render_xlsx(user, board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(board, "xlsx")}"'
    )
    return response
