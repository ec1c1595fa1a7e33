"""Exports of an event's registrations: CSV in two dialects, and XLSX.

The French spreadsheet dialect uses ``;`` and starts with a UTF-8 byte order
mark, which Excel needs to read accents; the standard dialect is RFC 4180
with commas and no BOM. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import EventPage, Registration
from .registrations import get_source_event

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv-fr": ("text/csv; charset=utf-8", "csv"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_value(value):
    """Return a cell's value for XLSX, without the control characters that
    the format cannot store and not as a formula.

    openpyxl raises on those characters, and guests type their name and
    organisation in a public form, so one of them would fail the export.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise_formula(value)


def format_time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def get_headers() -> list[str]:
    return [
        _("Name"),
        _("Organisation"),
        _("E-mail address"),
        _("Attendee type"),
        _("Status"),
        _("Origin"),
        _("Check-in code"),
        _("Registered"),
        _("Seat since"),
        _("Checked in"),
    ]


def get_rows(page: EventPage) -> list[list]:
    source = get_source_event(page)
    registrations = Registration.objects.filter(event=source).order_by("name", "pk")
    return [
        [
            registration.name,
            registration.organisation,
            registration.email,
            registration.get_audience_display(),
            registration.get_status_display(),
            registration.get_origin_display(),
            registration.code,
            format_time(registration.created_at),
            format_time(registration.confirmed_at),
            format_time(registration.checked_in_at),
        ]
        for registration in registrations
    ]


def export_registrations(page: EventPage, export_format: str) -> bytes:
    """Return the registrations of ``page`` in ``export_format``."""
    if export_format not in FORMATS:
        raise ValueError(
            f"unknown export format {export_format!r}: use one of {sorted(FORMATS)}"
        )
    headers = get_headers()
    if export_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("Registrations"))[:31]
        sheet.append(headers)
        for row in get_rows(page):
            sheet.append([xlsx_value(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    text = io.StringIO()
    if export_format == "csv-fr":
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers)
    for row in get_rows(page):
        writer.writerow([neutralise_formula(value) for value in row])
    encoding = "utf-8-sig" if export_format == "csv-fr" else "utf-8"
    return text.getvalue().encode(encoding)
