"""Event pages: publishing checks, the programme list, dates and JSON-LD."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events import registrations as services
from events.errors import RegistrationError
from events.models import EventPage, MasterclassPage
from home.templatetags.smartcorner import day_date

from .conftest import add_masterclass, paris_time

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.mark.django_db
def test_event_end_before_start_fails_to_publish(programme):
    start = timezone.now() + datetime.timedelta(days=3)
    page = add_masterclass(
        programme, "À l’envers", start, start - datetime.timedelta(hours=1), live=False
    )
    revision = page.save_revision(clean=False)

    with pytest.raises(ValidationError) as error:
        revision.publish()

    assert "end" in error.value.message_dict
    assert MasterclassPage.objects.get(pk=page.pk).live is False


@pytest.mark.django_db
def test_event_end_before_start_error_is_clear(programme):
    start = timezone.now() + datetime.timedelta(days=3)
    page = MasterclassPage(title="Test", topic="T", start=start, end=start)

    with translation.override("fr"):
        message = str(page.get_schedule_errors()["end"])

    assert message == (
        "La fin doit être postérieure au début\u00a0: "
        "vérifiez la date et l’heure de fin."
    )


@pytest.mark.django_db
def test_event_draft_saves_without_dates(programme):
    page = add_masterclass(programme, "Brouillon", None, None, live=False)

    revision = page.save_revision(clean=False)

    assert revision.pk is not None
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert set(error.value.message_dict) >= {"start", "end"}


@pytest.mark.django_db
def test_event_admin_draft_defers_schedule_check(programme):
    page = MasterclassPage(title="Brouillon", topic="T", start=None, end=None)
    form_class = MasterclassPage.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=None, parent_page=programme)

    form.defer_required_fields()
    page.skip_schedule_check = form.is_deferred_validation
    page.full_clean(exclude=["path", "depth", "slug", "title", "topic"])

    assert form.is_deferred_validation is True


@pytest.mark.django_db
def test_event_index_lists_upcoming_events_of_its_locale(
    client, programme, english_programme, venue
):
    now = timezone.now()
    soon = add_masterclass(
        programme,
        "Bientôt",
        now + datetime.timedelta(days=2),
        now + datetime.timedelta(days=2, hours=2),
        venue,
    )
    add_masterclass(
        programme,
        "Passé",
        now - datetime.timedelta(days=2),
        now - datetime.timedelta(days=2) + datetime.timedelta(hours=1),
        venue,
    )
    soon_english = soon.copy_for_translation(english_programme.locale)
    soon_english.title = "Coming soon"
    soon_english.save_revision().publish()

    french_titles = [event.title for event in programme.get_upcoming_events()]
    english_titles = [event.title for event in english_programme.get_upcoming_events()]
    response = client.get(programme.get_url())

    assert french_titles == ["Bientôt"]
    assert english_titles == ["Coming soon"]
    assert "Bientôt" in response.content.decode()
    assert "Passé" not in response.content.decode()


@pytest.mark.django_db
def test_event_page_shows_paris_time_in_french(client, programme, venue):
    # 29 March 2026 is the day Europe/Paris moves to summer time (UTC+2).
    page = add_masterclass(
        programme,
        "Changement d’heure",
        paris_time(2026, 3, 29, 9, 30),
        paris_time(2026, 3, 29, 11, 0),
        venue,
    )

    content = client.get(page.get_url()).content.decode()

    assert "dimanche 29 mars 2026, de 9\u00a0h\u00a030 à 11\u00a0h\u00a000" in content
    assert 'datetime="2026-03-29T09:30:00+02:00"' in content


@pytest.mark.django_db
def test_event_page_shows_english_dates(client, english_programme, venue):
    page = add_masterclass(
        english_programme,
        "Clock change",
        paris_time(2026, 10, 25, 14, 0),
        paris_time(2026, 10, 25, 16, 0),
        venue,
    )

    content = client.get(page.get_url()).content.decode()

    assert "Sunday 25 October 2026, 2:00 p.m. to 4:00 p.m." in content
    assert '<html lang="en">' in content


@pytest.mark.django_db
def test_event_json_ld_describes_event(client, programme, venue):
    page = add_masterclass(
        programme,
        "Visio </script><script>alert(1)</script>",
        paris_time(2026, 6, 2, 9, 30),
        paris_time(2026, 6, 2, 11, 0),
        venue,
    )

    content = client.get(page.get_url()).content.decode()
    blocks = JSON_LD.findall(content)
    data = json.loads(blocks[0])

    assert len(blocks) == 1
    assert data["@type"] == "Event"
    assert data["name"] == page.title
    assert data["startDate"] == "2026-06-02T09:30:00+02:00"
    assert data["location"]["name"] == "Hôtel du Département"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert "<script>alert(1)" not in content


@pytest.mark.django_db
def test_event_kind_pages_render_their_fields(client, programme, venue):
    from events.models import DigitalCafePage, RoundTablePage, TechnologyWorkshopPage

    start = timezone.now() + datetime.timedelta(days=5)
    end = start + datetime.timedelta(hours=1)
    common = {"start": start, "end": end, "venue": venue}
    pages = [
        RoundTablePage(
            title="Table ronde IA",
            expert_name="Claire Martin",
            problem_statement="Comment gagner du temps ?",
            **common,
        ),
        TechnologyWorkshopPage(
            title="Atelier drones",
            demonstrators=[
                ("demonstrator", {"name": "Drone", "supplier": "", "jobs_helped": ""})
            ],
            **common,
        ),
        DigitalCafePage(
            title="Café signature",
            project="Parapheur",
            it_presenter="Julie",
            business_presenter="Karim",
            business_department="Solidarités",
            **common,
        ),
    ]
    expected = ["Claire Martin", "Drone", "Parapheur"]
    for page, text in zip(pages, expected, strict=True):
        programme.add_child(instance=page)

        response = client.get(page.get_url())

        assert response.status_code == 200, page.title
        assert text in response.content.decode(), page.title
    assert EventPage.objects.count() == 3


@pytest.mark.django_db
def test_cancel_deadline_ends_with_one_period(
    client, english_programme, venue, make_user
):
    """English times end in "p.m.", which a sentence's full stop doubled."""
    start = timezone.localtime() + datetime.timedelta(days=5)
    page = add_masterclass(
        english_programme,
        "Afternoon",
        start.replace(hour=14, minute=0),
        start.replace(hour=16, minute=0),
        venue,
    )
    page.cancellation_closes = start.replace(hour=13, minute=0)
    page.save_revision().publish()
    user = make_user(email="afternoon@example.org")
    services.register(user, page)
    client.force_login(user)

    # The request activates English in this thread, and override restores the
    # language that was active before it, so later tests still run in French.
    with translation.override("en"):
        content = client.get(page.get_url()).content.decode()

    assert ", you can cancel online." in content
    assert "p.m.." not in content


@pytest.mark.django_db
def test_not_open_message_ends_with_one_period():
    opens = timezone.make_aware(datetime.datetime(2026, 6, 2, 14, 0))

    with translation.override("en"):
        message = RegistrationError(
            "not_open_yet", opens=day_date(opens, "DATETIME_FORMAT")
        ).message

    assert message.endswith(", when registration opens.")
    assert ".." not in message
