"""Exports of a board for its facilitators: CSV in two dialects and XLSX."""

import csv
import io

import openpyxl
from django.urls import reverse

from ideation import comments, exports, services


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
