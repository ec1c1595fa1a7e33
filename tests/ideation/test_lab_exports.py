"""Exports of a board for its facilitators: CSV in two dialects and XLSX."""

import csv
import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone, translation

from ideation import comments, exports, services
from ideation.models import Idea


def test_french_csv_has_bom_semicolons_and_counts(facilitator, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée; avec point-virgule", "Texte")
    services.set_vote(agent, idea.pk, True)
    comments.post_comment(agent, idea.pk, "Un avis")

    data = exports.render_csv(facilitator, challenge, "french")

    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "Idée; avec point-virgule"
    assert rows[1][7] == "1"
    assert rows[1][8] == "1"
    assert "Un avis" in rows[1][11]


def test_french_csv_counts_ungrouped(facilitator, agent, challenge):
    """Spreadsheets read "12 345" as text: counts stay plain numbers."""
    idea = services.post_idea(agent, challenge, "Idée populaire", "")
    Idea.objects.filter(pk=idea.pk).update(vote_count=12345)

    with translation.override("fr"):
        data = exports.render_csv(facilitator, challenge, "french")

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][7] == "12345"


def test_standard_csv_has_commas_and_no_bom(facilitator, agent, challenge):
    services.post_idea(agent, challenge, "Idée", "")

    data = exports.render_csv(facilitator, challenge, "standard")

    assert not data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert len(rows) == 2


def test_formula_cells_are_neutralised(facilitator, agent, challenge):
    services.post_idea(agent, challenge, '=HYPERLINK("http://x")', "")

    rows = list(
        csv.reader(
            io.StringIO(exports.render_csv(facilitator, challenge, "standard").decode())
        )
    )

    assert rows[1][1].startswith("'=")


def test_xlsx_export_opens_with_rows(facilitator_client, agent, challenge):
    services.post_idea(agent, challenge, "Idée tableur", "")

    response = facilitator_client.get(
        reverse("ideation:export", args=[challenge.pk, "xlsx"])
    )

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert response.status_code == 200
    assert sheet.cell(row=2, column=2).value == "Idée tableur"


def test_export_refused_to_participant(agent_client, challenge):
    response = agent_client.get(reverse("ideation:export", args=[challenge.pk, "csv"]))

    assert response.status_code == 403


def test_exports_keep_line_breaks(facilitator, agent, challenge):
    services.post_idea(agent, challenge, "Idée sur deux lignes", "Ligne 1\nLigne 2")

    rows = list(
        csv.reader(
            io.StringIO(
                exports.render_csv(facilitator, challenge, "french").decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    sheet = openpyxl.load_workbook(
        io.BytesIO(exports.render_xlsx(facilitator, challenge))
    ).active

    assert rows[1][2] == "Ligne 1\nLigne 2"
    assert sheet["C2"].value == "Ligne 1\nLigne 2"


def test_xlsx_has_dates_filter_and_frozen_header(facilitator, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée datée", "")

    sheet = openpyxl.load_workbook(
        io.BytesIO(exports.render_xlsx(facilitator, challenge))
    ).active

    posted = sheet["J2"].value
    local = timezone.localtime(idea.created_at)
    assert isinstance(posted, datetime.datetime)
    assert posted == local.replace(tzinfo=None, second=0, microsecond=0)
    assert sheet["J2"].number_format == exports.DATE_FORMAT
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width == 40


def test_csv_dates_and_comment_colon(facilitator, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée commentée", "")
    comments.post_comment(agent, idea.pk, "Très bien")

    with translation.override("fr"):
        data = exports.render_csv(facilitator, challenge, "french")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))

    local = timezone.localtime(idea.created_at)
    assert rows[1][9] == local.strftime("%Y-%m-%d %H:%M")
    assert rows[1][11] == f"{agent.get_full_name()}\u00a0: Très bien"
