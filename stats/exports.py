"""Exports of the report: CSV in two dialects, XLSX, and open-data CSV.

Every row is an aggregate (an indicator, optionally for one value of one
dimension); no export has a row per person.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from stats.report import Report

BOM = "\ufeff"

FORMATS = {
    "csv-fr": gettext_lazy("CSV for French spreadsheets (;)"),
    "csv": gettext_lazy("Standard CSV (,)"),
    "xlsx": gettext_lazy("Excel workbook (XLSX)"),
    "open-data": gettext_lazy("Open data CSV"),
}


def percent(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def report_rows(report: Report) -> list[list]:
    """Return the table every human-readable export writes."""
    rows = []
    for section in report.sections:
        for row in section.rows:
            rows.append(
                [
                    section.label,
                    row.label,
                    "",
                    "",
                    row.value,
                    row.previous,
                    percent(row.growth),
                ]
            )
            for breakdown in row.breakdowns:
                for label, count in breakdown.items:
                    rows.append(
                        [
                            section.label,
                            row.label,
                            breakdown.label,
                            label,
                            count,
                            None,
                            None,
                        ]
                    )
    return rows


def header() -> list[str]:
    return [
        _("Area"),
        _("Indicator"),
        _("Broken down by"),
        _("Value of the breakdown"),
        _("Value"),
        _("Previous period"),
        _("Growth (%)"),
    ]


def format_cell(value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def as_csv(report: Report, french: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([str(report.period), ""])
    writer.writerow(header())
    for row in report_rows(report):
        writer.writerow([format_cell(cell, french) for cell in row])
    return (BOM if french else "") + buffer.getvalue()


def as_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    sheet.append([str(report.period)])
    sheet.append(header())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in report_rows(report):
        sheet.append(row)
    for column, width in zip("ABCDEFG", (16, 36, 22, 36, 12, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_open_data(report: Report) -> str:
    """Machine-readable aggregates: stable keys, ISO dates, comma, no BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "period_start",
            "period_end",
            "indicator",
            "dimension",
            "dimension_value",
            "value",
            "provisional",
        ]
    )
    for row in report.rows():
        common = [
            report.period.first_day.isoformat(),
            report.period.last_day.isoformat(),
        ]
        flag = "true" if report.provisional else "false"
        writer.writerow([*common, row.key, "", "", format_cell(row.value, False), flag])
        for breakdown in row.breakdowns:
            for label, count in breakdown.items:
                writer.writerow(
                    [*common, row.key, breakdown.dimension, label, count, flag]
                )
    return buffer.getvalue()


def export_response(report: Report, export_format: str, filename: str) -> HttpResponse:
    if export_format == "xlsx":
        response = HttpResponse(
            as_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
        extension = "xlsx"
    elif export_format == "open-data":
        response = HttpResponse(
            as_open_data(report), content_type="text/csv; charset=utf-8"
        )
        extension = "csv"
    else:
        response = HttpResponse(
            as_csv(report, french=export_format == "csv-fr"),
            content_type="text/csv; charset=utf-8",
        )
        extension = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
