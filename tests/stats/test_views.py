"""The admin report: access, filters, bad input, exports without people."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from stats.panels import QuarterPanel
from tests.stats.conftest import PASSWORD

URL = "/admin/indicateurs/"


@pytest.fixture
def dataset(post_ideas):
    post_ideas(100, datetime.date(2025, 2, 14))
    post_ideas(223, datetime.date(2025, 5, 20))
    post_ideas(339, datetime.date(2025, 9, 30))


def signed_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("who", ["agent", "partner"])
def test_report_refused_to_agents_partners(client, request, who):
    user = request.getfixturevalue(who)

    response = signed_in(client, user).get(URL)

    assert response.status_code == 403
    assert "réservés au comité de programmation" in response.content.decode()
    assert "stats-chart" not in response.content.decode()


def test_report_sends_anonymous_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["committee_member", "editor"])
def test_report_open_to_committee_editors(client, request, who, dataset):
    user = request.getfixturevalue(who)

    response = signed_in(client, user).get(URL, {"quarter": "2025-T2"})

    assert response.status_code == 200
    assert "+123\u00a0%" in response.content.decode()


def test_report_svg_chart_with_table(client, committee_member, dataset):
    body = signed_in(client, committee_member).get(URL, {"quarter": "2025-T3"})

    text = body.content.decode()
    assert '<svg class="stats-chart"' in text
    assert 'role="img"' in text
    assert "<caption>" in text
    assert "+52\u00a0%" in text


def test_report_trend_table_groups_thousands(
    client, committee_member, dataset, monkeypatch
):
    from stats import views
    from stats.periods import Quarter

    monkeypatch.setattr(
        views, "trend", lambda key, last, filters: [(Quarter(2025, 3), 1200.0)]
    )

    text = signed_in(client, committee_member).get(URL, {"quarter": "2025-T3"})

    assert "<td>1\u202f200</td>" in text.content.decode()


def test_french_report_narrow_space_thousands(
    client, committee_member, dataset, monkeypatch
):
    """French typography groups thousands with U+202F, not Django's U+00A0."""
    from stats import views
    from stats.periods import Quarter

    monkeypatch.setattr(
        views, "trend", lambda key, last, filters: [(Quarter(2025, 3), 12345.0)]
    )

    text = signed_in(client, committee_member).get(URL, {"quarter": "2025-T3"})

    content = text.content.decode()
    assert "<td>12\u202f345</td>" in content
    assert "12\u00a0345" not in content


@pytest.mark.parametrize(
    ("export", "expected"),
    [("csv-fr", ";12345;1200;12345,6"), ("csv", ",12345,1200,12345.6")],
)
def test_csv_exports_numbers_ungrouped(committee_member, monkeypatch, export, expected):
    """Spreadsheets read "12 345" as text: exports must not group thousands."""
    from django.utils import translation

    from stats import exports
    from stats.periods import Quarter
    from stats.report import build_report

    monkeypatch.setattr(
        exports,
        "report_rows",
        lambda report: [["Lab", "Idées", "", "", 12345, 1200, 12345.6]],
    )

    with translation.override("fr"):
        response = exports.export_response(
            build_report(Quarter(2025, 3).period(), {}), export, "indicateurs"
        )

    content = response.content.decode("utf-8-sig")
    assert expected in content
    assert "\u202f" not in content
    assert "\u00a0" not in content


@pytest.mark.parametrize(
    ("query", "comparison"),
    [
        ({"quarter": "2025-T3"}, "Période de comparaison\u202f: T2 2025."),
        (
            {"start": "2025-09-01", "end": "2025-09-30"},
            "Période de comparaison\u202f: du 02/08/2025 au 31/08/2025.",
        ),
    ],
)
def test_report_names_comparison_period(client, committee_member, query, comparison):
    """The French sentence read "Comparaison avec du 01/07/2026 au …"."""
    body = signed_in(client, committee_member).get(URL, query)

    assert comparison in body.content.decode()


def test_report_capitalises_qr_scans_row(client, committee_member, dataset):
    """The kiosk's model names "scans de codes QR" in lower case, and Django
    used its translation for the row too."""
    body = signed_in(client, committee_member).get(URL, {"quarter": "2025-T3"})

    text = body.content.decode()
    assert "Scans de codes QR" in text
    assert "scans de codes QR" not in text


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2025-06-30", "end": "2025-04-01"}, "date de fin"),
        ({"start": "2025-06-30"}, "les deux dates"),
        ({"quarter": "2025-T9"}, "Sélectionnez"),
        ({"challenge": "inconnu"}, "Sélectionnez"),
        ({"site": "999999"}, "Sélectionnez"),
        ({"colour": "rouge"}, "Filtre inconnu"),
    ],
)
def test_report_bad_filters_explained(client, committee_member, query, message):
    response = signed_in(client, committee_member).get(URL, query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_exports_figures_without_people(client, committee_member, dataset):
    client = signed_in(client, committee_member)
    query = {"quarter": "2025-T2"}

    french = client.get(URL, {**query, "export": "csv-fr"}).content.decode("utf-8")
    standard = client.get(URL, {**query, "export": "csv"}).content.decode("utf-8")
    open_data = client.get(URL, {**query, "export": "open-data"}).content.decode()
    workbook = load_workbook(
        io.BytesIO(client.get(URL, {**query, "export": "xlsx"}).content)
    )

    assert french.startswith("\ufeff")
    assert ";223;100;123,0" in french
    assert not standard.startswith("\ufeff")
    assert ",223,100,123.0" in standard
    assert "lab.ideas,,,223" in open_data
    lines = list(workbook.active.iter_rows(values_only=True))
    assert any(line[4] == 223 and line[5] == 100 and line[6] == 123.0 for line in lines)
    cells = " ".join(str(cell) for line in lines for cell in line)
    for export in (french, standard, open_data, cells):
        assert "Secret" not in export
        assert "@example.org" not in export


def test_committee_freezes_a_past_quarter(client, committee_member, dataset):
    response = signed_in(client, committee_member).post(f"{URL}2025-T2/figer/")

    assert response.status_code == 302
    follow = client.get(URL, {"quarter": "2025-T2"})
    assert "figé" in follow.content.decode()


def test_editor_cannot_freeze(client, editor):
    response = signed_in(client, editor).post(f"{URL}2025-T2/figer/")

    assert response.status_code == 403
    from stats.models import QuarterSnapshot

    assert not QuarterSnapshot.objects.exists()


def test_admin_home_panel_for_committee(client, committee_member):
    response = signed_in(client, committee_member).get("/admin/")

    assert "Ce trimestre par rapport au précédent" in response.content.decode()


def test_admin_home_panel_compares_same_days(post_ideas, monkeypatch):
    # 20 May 2025 is day 50 of the second quarter. Day 50 of the first is
    # 19 February, so the ideas of 20 March stay out of the comparison.
    post_ideas(10, datetime.date(2025, 2, 14))
    post_ideas(5, datetime.date(2025, 3, 20))
    post_ideas(7, datetime.date(2025, 5, 10))
    noon = datetime.datetime(2025, 5, 20, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)

    context = QuarterPanel().get_context_data()

    ideas = next(row for row in context["rows"] if row.key == "lab.ideas")
    assert context["report"].previous_period.last_day == datetime.date(2025, 2, 19)
    assert ideas.value == 7
    assert ideas.previous == 10


def test_report_of_current_quarter_compares_same_days(
    client, committee_member, post_ideas, monkeypatch
):
    post_ideas(10, datetime.date(2025, 2, 14))
    post_ideas(5, datetime.date(2025, 3, 20))
    post_ideas(7, datetime.date(2025, 5, 10))
    noon = datetime.datetime(2025, 5, 20, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)

    # With no filter, the report shows the current quarter.
    response = signed_in(client, committee_member).get(reverse("stats_report"))

    report = response.context["report"]
    ideas = next(row for row in report.rows() if row.key == "lab.ideas")
    assert response.status_code == 200
    assert report.previous_period.first_day == datetime.date(2025, 1, 1)
    assert report.previous_period.last_day == datetime.date(2025, 2, 19)
    assert ideas.value == 7
    assert ideas.previous == 10


def test_admin_home_panel_says_in_progress(client, committee_member):
    response = signed_in(client, committee_member).get("/admin/")

    content = response.content.decode()
    assert "en cours" in content
    assert "mêmes jours" in content
    assert "(provisoire)" not in content


def test_admin_home_panel_writes_first_day(client, committee_member, monkeypatch):
    """French writes the first day of a month "1er", and quarters start on it."""
    noon = datetime.datetime(2025, 5, 20, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: noon)

    response = signed_in(client, committee_member).get("/admin/")

    content = response.content.decode()
    assert "du 1er avril au 20 mai" in content
    assert "du 1er janvier au 19 février" in content


def test_admin_home_panel_hidden_from_staff(client, db):
    from accounts.groups import STORE_STAFF
    from tests.stats.conftest import make_user

    staff = make_user("boutique-stats@example.org", group=STORE_STAFF)

    response = signed_in(client, staff).get("/admin/")

    assert "Ce trimestre par rapport au précédent" not in response.content.decode()


def test_summary_command_mails_committee(committee_member, agent, dataset):
    call_command("send_quarterly_summary", quarter="2025-T2", verbosity=0)

    assert [message.to for message in mail.outbox] == [[committee_member.email]]
    assert "T2 2025" in mail.outbox[0].subject
    assert "+123\u00a0%" in mail.outbox[0].body
    assert mail.outbox[0].attachments[0][0] == "indicateurs-2025-T2.csv"


def test_summary_command_rejects_bad_quarter(committee_member):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_quarterly_summary", quarter="hier")
    assert mail.outbox == []
