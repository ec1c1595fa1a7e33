"""Exports of a board's ideas for its facilitators: CSV and XLSX.

The French CSV dialect is what French spreadsheet software opens with a
double click: ``;`` separators and a UTF-8 byte order mark. The standard one
is RFC 4180 with commas and no mark. Rows come from ``visible_to``, so hidden
ideas and unreadable boards never reach a file. An attachment is exported
as the absolute address of ``ideation:attachment``, the view that applies the
idea's visibility, never as its path under ``MEDIA_URL``.
"""

import csv
import datetime
import io
import logging

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from . import permissions
from .errors import IdeationError
from .formatting import plain_text
from .models import Comment, Idea

logger = logging.getLogger(__name__)

# Spreadsheets run cells starting with these characters as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Widths of the XLSX columns, in characters, in the order of ``headers``.
COLUMN_WIDTHS = (10, 40, 60, 24, 20, 24, 16, 8, 12, 18, 12, 60, 30, 30)
# Columns at least this wide hold long text, which wraps in its cells.
WRAPPED_WIDTH = 40
# Day first, as French spreadsheets show dates; any reader sorts them.
DATE_FORMAT = "dd/mm/yyyy hh:mm"


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
        _("Attachment address"),
        _("Attachment name"),
    ]


def neutralise(value):
    """Keep a text cell from being read as a formula by a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def get_base_url(request=None) -> str:
    """Return the site's address without a final slash, for absolute links.

    Without a request (a test or a command), ``WAGTAILADMIN_BASE_URL`` is used.
    """
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def attachment_cells(idea, base_url: str) -> list[str]:
    """Return the attachment's absolute address and name, or two empty cells."""
    if not idea.attachment:
        return ["", ""]
    path = reverse("ideation:attachment", args=[idea.pk])
    return [base_url + path, idea.attachment_label]


def xlsx_value(value):
    """Return a cell's value for XLSX, without the control characters that
    the format cannot store (openpyxl raises on them) and not as a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


def get_rows(user, board, base_url: str = "") -> list[list]:
    """Return one row per idea of ``board`` that ``user`` may export.

    ``base_url`` (scheme and host) prefixes the attachments' addresses.
    """
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
            # Translators: one comment in an export: its author, then its text.
            _("%(author)s: %(text)s")
            % {"author": comment.author.get_full_name(), "text": comment.body}
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
                # Local time without its zone: spreadsheets store no zone.
                timezone.localtime(idea.created_at).replace(
                    tzinfo=None, second=0, microsecond=0
                ),
                idea.merged_into_id or "",
                "\n".join(comments.get(idea.pk, [])),
                *attachment_cells(idea, base_url or get_base_url()),
            ]
        )
    logger.info("board %s: %s ideas exported by user %s", board.pk, len(rows), user.pk)
    return rows


def csv_value(value):
    """Return a cell's text for CSV: dates as "2026-12-05 09:30"."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def shape_sheet(sheet) -> None:
    """Make the sheet readable when opened: a bold header row that stays in
    view, a filter on every column, widths that fit, dates as dates."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in zip(sheet.columns, COLUMN_WIDTHS, strict=True):
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = width
        for cell in column[1:]:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = DATE_FORMAT
            elif width >= WRAPPED_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def file_name(board, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"idees-{board.slug}-{stamp}.{extension}"


def render_csv(user, board, dialect: str, base_url: str = "") -> bytes:
    buffer = io.StringIO()
    if dialect == "french":
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    for row in get_rows(user, board, base_url):
        writer.writerow([neutralise(csv_value(value)) for value in row])
    prefix = "\ufeff" if dialect == "french" else ""
    return (prefix + buffer.getvalue()).encode("utf-8")


def csv_response(request, board, dialect: str) -> HttpResponse:
    response = HttpResponse(
        render_csv(request.user, board, dialect, get_base_url(request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(board, "csv")}"'
    )
    return response


def render_xlsx(user, board, base_url: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ideas")[:31]
    sheet.append(headers())
    for row in get_rows(user, board, base_url):
        sheet.append([xlsx_value(value) for value in row])
    shape_sheet(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(request, board) -> HttpResponse:
    response = HttpResponse(
        render_xlsx(request.user, board, get_base_url(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(board, "xlsx")}"'
    )
    return response
