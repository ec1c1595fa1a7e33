"""E-mails, reminders, iCalendar output and clock changes."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events import registrations as services
from events.emails import send_due_reminders
from events.ical import event_uid
from events.models import MasterclassPage, Registration

from .conftest import add_masterclass

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NEXT_YEAR = timezone.localdate().year + 1


def last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def parse_events(body: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(body)
    return [component for component in calendar.walk("VEVENT")]


@pytest.mark.django_db
def test_confirmation_email_has_text_html_and_ics(open_event, make_user, committed):
    with committed():
        services.register(make_user(), open_event)

    message = mail.outbox[0]
    html = message.alternatives[0].content
    filename, content, mimetype = message.attachments[0]
    events = parse_events(content.encode() if isinstance(content, str) else content)

    assert message.subject.startswith("Inscription confirmée\u202f:")
    assert "Bonjour Camille" in message.body
    assert "Code d’émargement\u202f:" in message.body
    assert 'lang="fr"' in html
    assert mimetype == "text/calendar"
    assert filename.endswith(".ics")
    assert events[0]["UID"] == event_uid(open_event)


@pytest.mark.django_db
def test_confirmation_text_address_on_one_line(open_event, venue, make_user, committed):
    venue.address = "1 place du Département\n00000 Chef-Lieu"
    venue.save()

    with committed():
        services.register(make_user(), open_event)

    where = next(
        line for line in mail.outbox[0].body.splitlines() if line.startswith("Où")
    )
    assert where.endswith("1 place du Département, 00000 Chef-Lieu")


@pytest.mark.django_db
def test_email_follows_person_language(
    open_event, english_programme, make_user, committed
):
    english = open_event.copy_for_translation(english_programme.locale)
    english.title = "Shared calendar"
    english.save_revision().publish()

    with committed(), translation.override("en"):
        services.register(make_user(), english)

    message = mail.outbox[0]
    assert message.subject == "Registration confirmed: Shared calendar"
    assert "Hello Camille" in message.body
    assert "/en/" in message.body


@pytest.mark.django_db
def test_email_escapes_event_title_in_html(programme, venue, make_user, committed):
    start = timezone.now() + datetime.timedelta(days=3)
    page = add_masterclass(
        programme, "<b>Gras</b>", start, start + datetime.timedelta(hours=1), venue
    )

    with committed():
        services.register(make_user(), page)

    html = mail.outbox[0].alternatives[0].content
    assert "&lt;b&gt;Gras&lt;/b&gt;" in html
    assert "<b>Gras</b>" not in html


@pytest.mark.django_db
def test_reminder_skips_late_registrant_and_sends_once(
    programme, venue, make_user, committed
):
    start = timezone.now() + datetime.timedelta(hours=20)
    page = add_masterclass(
        programme, "Demain", start, start + datetime.timedelta(hours=1), venue
    )
    early = services.register(make_user(), page).registration
    late = services.register(make_user(), page).registration
    # The early person got the seat before the reminder was due (24 h
    # before the start); the late one after.
    Registration.objects.filter(pk=early.pk).update(
        confirmed_at=start - datetime.timedelta(days=3)
    )
    Registration.objects.filter(pk=late.pk).update(
        confirmed_at=start - datetime.timedelta(hours=22)
    )
    mail.outbox.clear()

    first = send_due_reminders.enqueue().return_value
    second = send_due_reminders.enqueue().return_value

    early.refresh_from_db()
    late.refresh_from_db()
    assert first == 1
    assert second == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [early.email]
    assert mail.outbox[0].subject.startswith("Rappel, demain")
    assert early.reminder_sent_at is not None
    assert late.reminder_sent_at is None


@pytest.mark.django_db
def test_reminder_command_reports_count(programme, venue, make_user, capsys):
    start = timezone.now() + datetime.timedelta(hours=10)
    page = add_masterclass(
        programme, "Ce soir", start, start + datetime.timedelta(hours=1), venue
    )
    registration = services.register(make_user(), page).registration
    Registration.objects.filter(pk=registration.pk).update(
        confirmed_at=start - datetime.timedelta(days=2)
    )

    call_command("send_event_reminders")

    assert "1 reminders sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_change_notice_and_sequence(open_event, make_user, client, committed):
    services.register(make_user(), open_event)
    mail.outbox.clear()
    first = parse_events(
        client.get(reverse("events:event_ics", args=[open_event.pk])).content
    )[0]

    open_event.start += datetime.timedelta(hours=1)
    open_event.end += datetime.timedelta(hours=1)
    with committed():
        open_event.save_revision().publish()
    second = parse_events(
        client.get(reverse("events:event_ics", args=[open_event.pk])).content
    )[0]

    assert first["SEQUENCE"] == 0
    assert second["SEQUENCE"] == 1
    assert first["UID"] == second["UID"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Événement modifié")


@pytest.mark.django_db
def test_cancelled_event_notice_and_ics_status(
    open_event, make_user, client, committed
):
    services.register(make_user(), open_event)
    mail.outbox.clear()

    open_event.status = "cancelled"
    with committed():
        open_event.save_revision().publish()
    vevent = parse_events(
        client.get(reverse("events:event_ics", args=[open_event.pk])).content
    )[0]

    assert vevent["STATUS"] == "CANCELLED"
    assert mail.outbox[0].subject.startswith("Événement annulé")


@pytest.mark.django_db
def test_ics_uid_same_across_languages_and_saves(open_event, english_programme, client):
    english = open_event.copy_for_translation(english_programme.locale)
    english.title = "Shared calendar"
    english.save_revision().publish()

    french_ics = client.get(reverse("events:event_ics", args=[open_event.pk]))
    open_event.title = "Agenda partagé (nouveau titre)"
    open_event.save_revision().publish()
    french_again = client.get(reverse("events:event_ics", args=[open_event.pk]))
    english_ics = client.get(reverse("events:event_ics", args=[english.pk]))

    uids = {
        parse_events(response.content)[0]["UID"]
        for response in (french_ics, french_again, english_ics)
    }
    assert len(uids) == 1
    assert french_ics["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(french_ics.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    assert "DTSTAMP" in parse_events(french_ics.content)[0]


@pytest.mark.django_db
def test_public_feeds_filter_by_kind_and_site(open_event, programme, venue, client):
    from events.models import DigitalCafePage, Venue

    other_site = Venue.objects.create(name="Maison du Département de Lens")
    start = timezone.now() + datetime.timedelta(days=4)
    cafe = DigitalCafePage(
        title="Café parapheur",
        project="Parapheur",
        it_presenter="Julie",
        business_presenter="Karim",
        business_department="Solidarités",
        start=start,
        end=start + datetime.timedelta(hours=1),
        venue=other_site,
    )
    programme.add_child(instance=cafe)

    everything = parse_events(client.get(reverse("events:feed_all")).content)
    cafes = parse_events(
        client.get(reverse("events:feed_kind", args=["digital_cafe"])).content
    )
    at_lens = parse_events(
        client.get(reverse("events:feed_site", args=[other_site.pk])).content
    )
    unknown = client.get(reverse("events:feed_kind", args=["party"]))

    assert {str(event["SUMMARY"]) for event in everything} == {
        "Agenda partagé",
        "Café parapheur",
    }
    assert [str(event["SUMMARY"]) for event in cafes] == ["Café parapheur"]
    assert [str(event["SUMMARY"]) for event in at_lens] == ["Café parapheur"]
    assert unknown.status_code == 404


@pytest.mark.django_db
def test_private_feed_lists_my_seats_and_cancellations(
    client, open_event, programme, venue, make_user
):
    agent = make_user()
    client.force_login(agent)
    client.post(reverse("events:reset_feed"))
    token = agent.calendar_feed_token.token
    start = timezone.now() + datetime.timedelta(days=6)
    other = add_masterclass(
        programme, "Annulé par moi", start, start + datetime.timedelta(hours=1), venue
    )
    services.register(agent, open_event)
    cancelled = services.register(agent, other).registration
    services.cancel(cancelled.pk, user=agent)
    client.logout()

    events = parse_events(
        client.get(reverse("events:feed_private", args=[token])).content
    )
    wrong = client.get(reverse("events:feed_private", args=["not-a-token"]))

    statuses = {str(event["SUMMARY"]): str(event["STATUS"]) for event in events}
    assert statuses == {"Agenda partagé": "CONFIRMED", "Annulé par moi": "CANCELLED"}
    assert wrong.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "offset"),
    # Next year's last Sundays of March and October, when Paris changes
    # clocks, so that the event is in the future and open to registration.
    [(last_sunday(NEXT_YEAR, 3), "+02:00"), (last_sunday(NEXT_YEAR, 10), "+01:00")],
)
def test_clock_change_day_round_trips(  # noqa: PLR0917 - fixtures
    client, programme, venue, make_user, committed, day, offset
):
    editor = make_user(is_staff=True, is_superuser=True)
    client.force_login(editor)
    add_url = reverse(
        "wagtailadmin_pages:add", args=["events", "masterclasspage", programme.pk]
    )
    data = nested_form_data(
        {
            "title": "Changement d’heure",
            "slug": f"changement-{day.month}",
            "topic": "Heure d’été",
            "level": "beginner",
            "start": f"{day.isoformat()} 10:00",
            "end": f"{day.isoformat()} 12:00",
            "venue": venue.pk,
            "space": "room",
            "audience": "staff",
            "status": "scheduled",
            "body": streamfield([]),
            "demonstrators": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "action-publish": "action-publish",
        }
    )

    response = client.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    page = MasterclassPage.objects.get(slug=f"changement-{day.month}")
    local = timezone.localtime(page.start)
    assert (local.hour, local.minute, local.isoformat()[-6:]) == (10, 0, offset)

    client.logout()
    content = client.get(page.get_url()).content.decode()
    assert f'datetime="{day.isoformat()}T10:00:00{offset}"' in content
    assert "de 10\u00a0h\u00a000 à 12\u00a0h\u00a000" in content

    ics = client.get(reverse("events:event_ics", args=[page.pk])).content
    assert (
        b"DTSTART;TZID=Europe/Paris:" + day.strftime("%Y%m%d").encode() + b"T100000"
        in ics
    )
    vevent = parse_events(ics)[0]
    assert vevent["DTSTART"].dt.astimezone(PARIS).hour == 10

    with committed():
        services.register(make_user(), page)
    message = mail.outbox[-1]
    attached = parse_events(message.attachments[0][1].encode())[0]
    assert "de 10\u00a0h\u00a000 à 12\u00a0h\u00a000" in message.body
    assert attached["DTSTART"].dt.astimezone(PARIS).hour == 10
