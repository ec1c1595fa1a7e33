"""Programme list, calendar and archive; Smart Tour, quarter and course pages;
My programme; scheduled publication of a quarter."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events import registrations as services
from events.models import (
    CoursePage,
    DigitalCafePage,
    Quarter,
    QuarterPage,
    SmartTourPage,
    TrainingSessionPage,
    Venue,
)

from .conftest import add_masterclass

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def remote_site(db):
    return Venue.objects.create(name="Maison du Département de Lens")


@pytest.fixture
def mixed_programme(programme, venue, remote_site):
    """A masterclass at the main site, a café at a remote site, a past event."""
    now = timezone.now()
    soon = now + datetime.timedelta(days=3)
    masterclass = add_masterclass(
        programme,
        "Masterclass tableur",
        soon,
        soon + datetime.timedelta(hours=2),
        venue,
    )
    cafe = DigitalCafePage(
        title="Café parapheur",
        project="Parapheur",
        it_presenter="Julie",
        business_presenter="Karim",
        business_department="Solidarités",
        start=soon + datetime.timedelta(days=1),
        end=soon + datetime.timedelta(days=1, hours=1),
        venue=remote_site,
        audience="open",
    )
    programme.add_child(instance=cafe)
    past = add_masterclass(
        programme,
        "Masterclass passée",
        now - datetime.timedelta(days=10),
        now - datetime.timedelta(days=10) + datetime.timedelta(hours=1),
        venue,
    )
    return {"masterclass": masterclass, "cafe": cafe, "past": past}


@pytest.mark.django_db
def test_programme_lists_upcoming_only(client, programme, mixed_programme):
    content = client.get(programme.get_url()).content.decode()

    assert "Masterclass tableur" in content
    assert "Café parapheur" in content
    assert "Masterclass passée" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("kind=digital_cafe", "Café parapheur", "Masterclass tableur"),
        ("audience=open", "Café parapheur", "Masterclass tableur"),
        ("audience=staff", "Masterclass tableur", "Café parapheur"),
    ],
)
def test_programme_filters(  # noqa: PLR0917 - fixtures
    client, programme, mixed_programme, query, expected, absent
):
    content = client.get(f"{programme.get_url()}?{query}").content.decode()

    assert expected in content
    assert absent not in content


@pytest.mark.django_db
def test_programme_filter_by_site(client, programme, mixed_programme, remote_site):
    content = client.get(
        f"{programme.get_url()}?site={remote_site.pk}"
    ).content.decode()

    assert "Café parapheur" in content
    assert "Masterclass tableur" not in content


@pytest.mark.django_db
def test_programme_filters_hiding_everything_say_so(client, programme, mixed_programme):
    """The programme has events: an empty result is the filters' doing, not
    a programme still to be published."""
    content = client.get(f"{programme.get_url()}?space=lab").content.decode()

    assert "Masterclass tableur" not in content
    assert "Aucun événement à venir ne correspond à ces filtres." in content
    assert "prochain trimestre sera publié" not in content


@pytest.mark.django_db
def test_programme_htmx_returns_results_fragment(client, programme, mixed_programme):
    response = client.get(f"{programme.get_url()}?kind=masterclass", **HTMX)
    content = response.content.decode()

    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="programme-results"')
    assert "<html" not in content
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_programme_history_restore_gets_full_page(client, programme, mixed_programme):
    response = client.get(
        f"{programme.get_url()}?kind=masterclass",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        **HTMX,
    )

    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_programme_unknown_filter_value_is_reported(client, programme, mixed_programme):
    response = client.get(f"{programme.get_url()}?kind=party&site=abc")
    content = response.content.decode()

    assert response.status_code == 400
    assert "a une valeur inconnue" in content
    assert "Masterclass tableur" in content


@pytest.mark.django_db
def test_programme_archive_lists_past(client, programme, mixed_programme):
    url = programme.get_url() + programme.reverse_subpage("archive_view")

    content = client.get(url).content.decode()

    assert "Masterclass passée" in content
    assert "Masterclass tableur" not in content


@pytest.mark.django_db
def test_programme_calendar_shows_month(client, programme, mixed_programme):
    start = timezone.localtime(mixed_programme["masterclass"].start)
    url = programme.get_url() + programme.reverse_subpage("calendar_view")

    content = client.get(f"{url}?month={start:%Y-%m}").content.decode()
    bad = client.get(f"{url}?month=2026-13")

    assert "Masterclass tableur" in content
    assert '<table class="month-calendar">' in content
    assert bad.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_programme_calendar_edge_of_dates(client, programme, month):
    url = programme.get_url() + programme.reverse_subpage("calendar_view")

    response = client.get(f"{url}?month={month}")

    assert response.status_code == 400
    assert '<table class="month-calendar">' in response.content.decode()


@pytest.mark.django_db
def test_programme_calendar_names_weekdays(client, programme):
    url = programme.get_url() + programme.reverse_subpage("calendar_view")

    # June 2026 starts on a Monday, so the first cell is June 1st.
    content = client.get(f"{url}?month=2026-06").content.decode()

    weekdays = re.findall(
        r'<span class="month-calendar__weekday">([^<]*)</span>', content
    )
    assert weekdays[:7] == ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
    assert len(weekdays) == 35
    assert '<span class="month-calendar__weekday">lun.</span> 1</span>' in content


@pytest.mark.django_db
def test_programme_in_english(client, english_programme, mixed_programme):
    response = client.get(english_programme.get_url())

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Month calendar" in response.content.decode()


@pytest.mark.django_db
def test_smart_tour_groups_remote_sites(
    client, programme, mixed_programme, remote_site
):
    tour = SmartTourPage(title="Smart Tour", slug="smart-tour")
    programme.add_child(instance=tour)

    content = client.get(tour.get_url()).content.decode()

    assert remote_site.name in content
    assert "Café parapheur" in content
    assert "Masterclass tableur" not in content


@pytest.mark.django_db
def test_course_page_lists_sessions(client, programme, venue):
    course = CoursePage(title="Bien débuter avec le tableur", slug="tableur")
    programme.add_child(instance=course)
    start = timezone.now() + datetime.timedelta(days=7)
    for number in (1, 2):
        session = TrainingSessionPage(
            title=f"Séance {number}",
            start=start + datetime.timedelta(days=7 * number),
            end=start + datetime.timedelta(days=7 * number, hours=2),
            venue=venue,
            space="class",
        )
        course.add_child(instance=session)

    content = client.get(course.get_url()).content.decode()
    session_page = client.get(session.get_url())

    assert "Séance 1" in content
    assert "Séance 2" in content
    assert session_page.status_code == 200
    assert "Bien débuter avec le tableur" in session_page.content.decode()
    assert "Séance 2" in client.get(programme.get_url()).content.decode()


@pytest.mark.django_db
def test_quarter_published_on_schedule(client, programme, venue):
    """Editors prepare a quarter as drafts with a go-live date; Wagtail's
    publish_scheduled command publishes them when it comes."""
    quarter = Quarter.objects.create(year=2031, number=2, theme="Données")
    start = timezone.now() + datetime.timedelta(days=40)
    draft = add_masterclass(
        programme,
        "Données ouvertes",
        start,
        start + datetime.timedelta(hours=2),
        venue,
        live=False,
    )
    draft.quarter = quarter
    draft.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    draft.save_revision(approved_go_live_at=draft.go_live_at)
    page = QuarterPage(title="Programme T2", slug="t2", quarter=quarter, live=False)
    programme.add_child(instance=page)
    page.save_revision(approved_go_live_at=draft.go_live_at)

    before = client.get(f"{programme.get_url()}?quarter={quarter.pk}")
    later = timezone.now() + datetime.timedelta(minutes=1)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    draft.refresh_from_db()
    page.refresh_from_db()
    content = client.get(page.get_url()).content.decode()

    assert "Données ouvertes" not in before.content.decode()
    assert draft.live is True
    assert page.live is True
    assert "Données ouvertes" in content


@pytest.mark.django_db
def test_my_programme_lists_and_cancels(client, open_event, make_user):
    agent = make_user()
    client.force_login(agent)
    registration = services.register(agent, open_event).registration

    content = client.get(reverse("events:my_programme")).content.decode()
    response = client.post(
        reverse("events:cancel", args=[registration.pk]), {"next": "my_programme"}
    )
    after = client.get(reverse("events:my_programme")).content.decode()

    assert "Agenda partagé" in content
    assert registration.code in content
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert "Vous n’avez aucune inscription à venir" in after


@pytest.mark.django_db
def test_my_programme_shows_waiting_position(client, open_event, make_user):
    for _index in range(2):
        services.register(make_user(), open_event)
    agent = make_user()
    services.register(agent, open_event)
    client.force_login(agent)

    content = client.get(reverse("events:my_programme")).content.decode()

    assert "Sur liste d’attente, position 1" in content
    assert "Quitter la liste d’attente" in content


@pytest.mark.django_db
def test_my_programme_requires_sign_in(client, db):
    response = client.get(reverse("events:my_programme"))

    assert response.status_code == 302
    assert "connexion" in response["Location"]


@pytest.mark.django_db
def test_qr_code_only_for_owner(client, open_event, make_user):
    owner = make_user()
    registration = services.register(owner, open_event).registration
    url = reverse("events:qr_code", args=[registration.code])

    anonymous = client.get(url)
    client.force_login(make_user())
    stranger = client.get(url)
    client.force_login(owner)
    mine = client.get(url)

    assert anonymous.status_code == 404
    assert stranger.status_code == 404
    assert mine.status_code == 200
    assert mine["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in mine.content


@pytest.mark.django_db
def test_guest_manage_link_cancels(client, open_event):
    registration = services.request_guest_registration(
        open_event, name="Alex", organisation="ACME", email="alex@acme.fr"
    )
    services.confirm_guest_registration(services.make_guest_token(registration))
    token = services.make_guest_token(registration, salt=services.GUEST_MANAGE_SALT)
    url = reverse("events:guest_manage", args=[token])

    page = client.get(url)
    response = client.post(url)
    registration.refresh_from_db()

    assert page.status_code == 200
    assert '<details class="confirm-action">' in page.content.decode()
    assert "Votre place sera libérée" in page.content.decode()
    assert response.status_code == 302
    assert registration.status == "cancelled"
    assert client.get(reverse("events:guest_manage", args=["bad"])).status_code == 404
