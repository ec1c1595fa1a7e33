"""Event and place indicators from recorded check-ins, visits and requests."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale, Page

from events.models import EventIndexPage, MasterclassPage, Registration, Venue
from events.models.registrations import (
    AttendeeAudience,
    RegistrationOrigin,
    RegistrationStatus,
)
from stats.periods import Quarter
from stats.report import build_report, freeze_quarter
from store.models import DeskVisit
from tests.stats.conftest import PASSWORD

PARIS = timezone.get_default_timezone()
Q1, Q2, Q3 = Quarter(2025, 1), Quarter(2025, 2), Quarter(2025, 3)
URL = "/admin/indicateurs/"


def row(report, key):
    return next(item for item in report.rows() if item.key == key)


@pytest.fixture
def sites(db):
    main = Venue.objects.create(name="Hôtel du Département", is_main_site=True)
    remote = Venue.objects.create(name="Maison du Département de Lure")
    return main, remote


@pytest.fixture
def add_event(sites):
    """Return a function adding a masterclass with check-ins on ``day``."""
    Locale.objects.get_or_create(language_code="fr")
    index = EventIndexPage(title="Programme des indicateurs", slug="programme-stats")
    Page.get_first_root_node().add_child(instance=index)

    def add(day, attended, *, external=0, no_shows=0, capacity=400, remote=False):
        start = datetime.datetime.combine(day, datetime.time(10), tzinfo=PARIS)
        event = MasterclassPage(
            title=f"Masterclass du {day:%d/%m/%Y}",
            slug=f"masterclass-{day:%Y%m%d}-{attended}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=capacity,
            topic="Agenda partagé",
            venue=sites[1] if remote else sites[0],
        )
        index.add_child(instance=event)
        people = [
            Registration(
                event=event,
                name="Personne anonyme",
                email=f"p{index_}-{day:%Y%m%d}@example.org",
                audience=(
                    AttendeeAudience.EXTERNAL
                    if index_ < external
                    else AttendeeAudience.STAFF
                ),
                status=RegistrationStatus.ATTENDED,
                checked_in_at=start + datetime.timedelta(minutes=5),
            )
            for index_ in range(attended)
        ]
        people += [
            Registration(
                event=event,
                name="Absent",
                email=f"absent{index_}-{day:%Y%m%d}@example.org",
                status=RegistrationStatus.CONFIRMED,
            )
            for index_ in range(no_shows)
        ]
        Registration.objects.bulk_create(people)
        return event

    return add


@pytest.fixture
def attendance_dataset(add_event):
    """100, 223 then 339 people checked in: +123 % in Q2 and +52 % in Q3."""
    add_event(datetime.date(2025, 3, 12), 100, no_shows=25)
    add_event(datetime.date(2025, 5, 20), 200, external=50)
    add_event(datetime.date(2025, 6, 3), 23, remote=True)
    add_event(datetime.date(2025, 9, 30), 339, external=39)


def test_attendance_growth_matches_dataset(attendance_dataset):
    second = row(build_report(Q2.period(), {}), "events.attendance")
    third = row(build_report(Q3.period(), {}), "events.attendance")

    assert second.value == 223
    assert second.growth_text == "+123\u00a0%"
    assert third.value == 339
    assert third.growth_text == "+52\u00a0%"


def test_attendance_by_audience_and_tour(attendance_dataset):
    report = build_report(Q2.period(), {})
    attendance = row(report, "events.attendance")
    by = {
        breakdown.dimension: dict(breakdown.items)
        for breakdown in attendance.breakdowns
    }

    assert by["audience"] == {"Agents": 173, "Extérieurs": 50}
    assert by["tour"] == {"Site principal": 200, "Smart Tour (sites distants)": 23}


def test_attendance_filtered_by_remote_site(attendance_dataset, sites):
    report = build_report(Q2.period(), {"site": str(sites[1].pk)})

    assert row(report, "events.attendance").value == 23
    assert row(report, "lab.ideas").value is None


def test_registrations_do_not_count_as_attendance(add_event):
    add_event(datetime.date(2025, 5, 20), 10, no_shows=30)

    report = build_report(Q2.period(), {})

    assert row(report, "events.attendance").value == 10
    assert row(report, "events.no_shows").value == 30


def test_fill_and_no_show_rates(add_event):
    add_event(datetime.date(2025, 5, 20), 30, no_shows=10, capacity=50)

    report = build_report(Q2.period(), {})

    assert row(report, "events.fill_rate").value == pytest.approx(60.0)
    assert row(report, "events.no_show_rate").value == pytest.approx(25.0)


def test_frozen_quarter_ignores_late_check_in(add_event, committee_member):
    event = add_event(datetime.date(2025, 5, 20), 10, no_shows=5)
    freeze_quarter(Q2, committee_member)

    Registration.objects.filter(event=event, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now(), status=RegistrationStatus.ATTENDED
    )
    Registration.objects.create(
        event=event,
        name="Arrivé sans inscription",
        email="walkin@example.org",
        origin=RegistrationOrigin.WALK_IN,
        status=RegistrationStatus.ATTENDED,
        checked_in_at=timezone.now(),
    )

    assert row(build_report(Q2.period(), {}), "events.attendance").value == 10


def test_desk_visits_per_space(db):
    moment = datetime.datetime(2025, 5, 2, 11, tzinfo=PARIS)
    DeskVisit.objects.bulk_create(
        [DeskVisit(space="store", recorded_at=moment) for _ in range(4)]
        + [DeskVisit(space="lab", recorded_at=moment)]
    )

    report = build_report(Q2.period(), {"space": "store"})

    assert row(report, "places.store_visits").value == 4


def test_exports_give_attendance_without_people(
    client, committee_member, attendance_dataset
):
    client.login(email=committee_member.email, password=PASSWORD)
    query = {"quarter": "2025-T2"}

    french = client.get(URL, {**query, "export": "csv-fr"}).content.decode()
    workbook_bytes = client.get(URL, {**query, "export": "xlsx"}).content
    lines = list(
        load_workbook(io.BytesIO(workbook_bytes)).active.iter_rows(values_only=True)
    )
    page = client.get(URL, query).content.decode()

    assert "Fréquentation;;;223;100;123,0" in french
    assert any(line[1] == "Fréquentation" and line[4] == 223 for line in lines)
    assert "+123\u00a0%" in page
    for export in (
        french,
        page,
        " ".join(str(cell) for line in lines for cell in line),
    ):
        assert "@example.org" not in export
        assert "Personne anonyme" not in export
