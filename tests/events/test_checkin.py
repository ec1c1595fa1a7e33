"""Check-in by staff, walk-ins, attendance counts and personal data."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from accounts.groups import EDITORS, LAB_FACILITATORS, STORE_STAFF
from events import registrations as services
from events.attendance import add_walk_in, count_attendance
from events.errors import RegistrationError
from events.models import Registration
from events.personal_data import erase_user_data, export_user_data
from tests.events.conftest import add_masterclass

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def editor(make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.django_db
def test_checkin_page_needs_permission(client, open_event, make_user, editor):
    url = reverse("events:checkin", args=[open_event.pk])

    anonymous = client.get(url)
    client.force_login(make_user())
    agent = client.get(url)
    client.force_login(editor)
    allowed = client.get(url)

    assert anonymous.status_code == 302
    assert agent.status_code == 403
    assert allowed.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group_name", "status_code"), [(STORE_STAFF, 200), (LAB_FACILITATORS, 403)]
)
def test_checkin_page_by_group(client, open_event, make_user, group_name, status_code):
    """The store's staff keep the desk where people come in for events."""
    person = make_user()
    person.groups.add(Group.objects.get(name=group_name))
    client.force_login(person)

    response = client.get(reverse("events:checkin", args=[open_event.pk]))

    assert response.status_code == status_code


@pytest.mark.django_db
def test_checkin_refusal_speaks_of_checkin(client, open_event, make_user):
    client.force_login(make_user(kind="partner"))

    response = client.get(reverse("events:checkin", args=[open_event.pk]))

    content = response.content.decode()
    assert response.status_code == 403
    assert "Pointage non autorisé" in content
    assert "Inscription refusée" not in content


@pytest.mark.django_db
def test_event_page_links_checkin_for_staff(client, open_event, make_user, editor):
    checkin_url = reverse("events:checkin", args=[open_event.pk])
    client.force_login(make_user())
    agent_page = client.get(open_event.url).content.decode()
    client.force_login(editor)

    editor_page = client.get(open_event.url).content.decode()

    assert f'href="{checkin_url}"' not in agent_page
    assert f'href="{checkin_url}"' in editor_page


@pytest.mark.django_db
def test_checkin_toggle_with_htmx(client, open_event, make_user, editor):
    registration = services.register(make_user(), open_event).registration
    client.force_login(editor)
    url = reverse("events:checkin_set", args=[registration.pk])

    response = client.post(url, {"present": "1"}, **HTMX)
    again = client.post(url, {"present": "1"}, **HTMX)
    registration.refresh_from_db()

    assert response.status_code == 200
    assert f'id="person-{registration.pk}"' in response.content.decode()
    assert 'data-present="true"' in response.content.decode()
    assert again.status_code == 200
    assert registration.status == "attended"
    assert registration.checked_in_by == editor


@pytest.mark.django_db
def test_checkin_by_code(client, open_event, make_user, editor):
    registration = services.register(make_user(), open_event).registration
    client.force_login(editor)
    url = reverse("events:checkin_code", args=[open_event.pk])

    response = client.post(url, {"code": registration.code.lower()})
    unknown = client.post(url, {"code": "ZZZZZZZZ"})
    registration.refresh_from_db()

    assert response.status_code == 302
    assert registration.status == "attended"
    assert unknown.status_code == 404
    assert "Aucune inscription à cet événement ne porte le code ZZZZZZZZ" in (
        unknown.content.decode()
    )


@pytest.mark.django_db
def test_waiting_person_cannot_be_checked_in(client, open_event, make_user, editor):
    for _index in range(2):
        services.register(make_user(), open_event)
    waiting = services.register(make_user(), open_event).registration
    client.force_login(editor)

    response = client.post(
        reverse("events:checkin_set", args=[waiting.pk]), {"present": "1"}, **HTMX
    )
    waiting.refresh_from_db()

    assert response.status_code == 400
    assert waiting.status == "waiting"


@pytest.mark.django_db
def test_walk_in_added_present(client, open_event, editor):
    client.force_login(editor)

    response = client.post(
        reverse("events:checkin_walk_in", args=[open_event.pk]),
        {"name": "Dominique Sans-Inscription", "organisation": "", "external": "on"},
    )
    empty = client.post(
        reverse("events:checkin_walk_in", args=[open_event.pk]), {"name": ""}
    )

    walk_in = Registration.objects.get(name="Dominique Sans-Inscription")
    assert response.status_code == 302
    assert walk_in.status == "attended"
    assert walk_in.origin == "walk_in"
    assert walk_in.audience == "external"
    assert empty.status_code == 400
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_walk_ins_without_email_coexist(client, open_event, editor):
    """The e-mail of a walk-in is optional, so two may have none."""
    client.force_login(editor)
    url = reverse("events:checkin_walk_in", args=[open_event.pk])

    first = client.post(url, {"name": "Camille Sans-Courriel"})
    second = client.post(url, {"name": "Dominique Sans-Courriel"})

    assert first.status_code == 302
    assert second.status_code == 302
    names = set(Registration.objects.values_list("name", flat=True))
    assert names == {"Camille Sans-Courriel", "Dominique Sans-Courriel"}


@pytest.mark.django_db
def test_guest_email_stays_unique_per_event(open_event, editor):
    add_walk_in(open_event, name="Invité", email="invite@example.org", by=editor)
    add_walk_in(open_event, name="Invité Bis", email="INVITE@example.org", by=editor)

    assert Registration.objects.filter(event=open_event).count() == 1


@pytest.mark.django_db
def test_attendance_counts_by_kind_site_audience(open_event, make_user, editor):
    from events.attendance import set_presence

    registration = services.register(make_user(), open_event).registration
    set_presence(registration.pk, True, by=editor)
    add_walk_in(open_event, name="Invité", external=True, by=editor)
    services.register(make_user(), open_event)

    rows = count_attendance()

    assert {(row["kind"], row["audience"], row["count"]) for row in rows} == {
        ("masterclass", "staff", 1),
        ("masterclass", "external", 1),
    }
    assert all(row["venue"] == "Hôtel du Département" for row in rows)
    assert all(row["is_main_site"] for row in rows)


@pytest.mark.django_db
def test_personal_data_export_and_erase_promotes(open_event, make_user):
    leaving = make_user()
    services.register(leaving, open_event)
    services.register(make_user(), open_event)
    waiting = services.register(make_user(), open_event).registration

    exported = export_user_data(leaving)
    erase_user_data(leaving)
    waiting.refresh_from_db()

    assert exported["event_registrations"][0]["event"] == "Agenda partagé"
    assert exported["event_registrations"][0]["status"] == "confirmed"
    assert Registration.objects.filter(user=leaving).count() == 0
    assert waiting.status == "confirmed"
    assert export_user_data(leaving) == {"event_registrations": [], "calendar_feed": []}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["maybe", "", "2"])
def test_checkin_unclear_presence_is_400(client, open_event, make_user, editor, value):
    registration = services.register(make_user(), open_event).registration
    client.force_login(editor)
    url = reverse("events:checkin_set", args=[registration.pk])

    response = client.post(url, {"present": value}, **HTMX)
    registration.refresh_from_db()

    assert response.status_code == 400
    assert registration.checked_in_at is None


def event_ended(programme, venue, hours_ago: float):
    """A live two-hour masterclass that ended ``hours_ago`` hours ago."""
    end = timezone.now() - datetime.timedelta(hours=hours_ago)
    return add_masterclass(
        programme, "Atelier passé", end - datetime.timedelta(hours=2), end, venue
    )


@pytest.mark.django_db
def test_walk_in_rejected_long_after_event(client, programme, venue, editor):
    event = event_ended(programme, venue, hours_ago=48)
    client.force_login(editor)

    response = client.post(
        reverse("events:checkin_walk_in", args=[event.pk]),
        {"name": "Dominique Retardataire"},
    )

    assert response.status_code == 400
    assert "Cet événement s’est terminé le" in response.content.decode()
    assert not Registration.objects.filter(name="Dominique Retardataire").exists()


@pytest.mark.django_db
def test_walk_in_accepted_shortly_after_event(client, programme, venue, editor):
    event = event_ended(programme, venue, hours_ago=2)
    client.force_login(editor)

    response = client.post(
        reverse("events:checkin_walk_in", args=[event.pk]),
        {"name": "Dominique Ponctuelle"},
    )

    assert response.status_code == 302
    assert Registration.objects.get(name="Dominique Ponctuelle").status == "attended"


@pytest.mark.django_db
def test_walk_in_error_in_english(programme, venue, editor):
    event = event_ended(programme, venue, hours_ago=48)

    with translation.override("en"):
        with pytest.raises(RegistrationError) as raised:
            add_walk_in(event, name="Late Visitor", by=editor)
        message = raised.value.message

    assert raised.value.code == "walk_in_closed"
    assert message.startswith("This event ended on ")
    assert "could be added until" in message
    # English times end in "p.m.": no full stop may follow a date directly.
    assert ".." not in message


@pytest.mark.django_db
def test_checkin_page_hides_closed_walk_in_form(client, programme, venue, editor):
    event = event_ended(programme, venue, hours_ago=48)
    client.force_login(editor)

    content = client.get(reverse("events:checkin", args=[event.pk])).content.decode()

    assert reverse("events:checkin_walk_in", args=[event.pk]) not in content
    assert "les personnes venues sans inscription" in content


@pytest.mark.django_db
def test_checkin_row_states_presence_and_action(client, open_event, make_user, editor):
    registration = services.register(make_user(), open_event).registration
    client.force_login(editor)
    url = reverse("events:checkin_set", args=[registration.pk])

    with translation.override("fr"):
        absent = client.post(url, {"present": "0"}, **HTMX).content.decode()
        present = client.post(url, {"present": "1"}, **HTMX).content.decode()

    assert ">Présence non enregistrée</span>" in absent
    assert ">Enregistrer la présence<" in absent
    assert "Présence enregistrée</span>" in present
    assert ">Annuler la présence<" in present
    assert "Enregistrer la présence" not in present


@pytest.mark.django_db
def test_checkin_page_says_how_codes_are_read(client, open_event, editor):
    client.force_login(editor)

    with translation.override("fr"):
        content = client.get(
            reverse("events:checkin", args=[open_event.pk])
        ).content.decode()

    assert "code QR" in content
    assert "QR code" not in content
    assert "douchette" in content


@pytest.mark.django_db
def test_checkin_message_uses_neutral_french(client, open_event, make_user, editor):
    registration = services.register(make_user(), open_event).registration
    client.force_login(editor)
    url = reverse("events:checkin_set", args=[registration.pk])

    with translation.override("fr"):
        content = client.post(url, {"present": "1"}, **HTMX).content.decode()

    assert f"Présence enregistrée pour {registration.name}." in content
    assert "·" not in content


@pytest.mark.django_db
def test_walk_in_checkbox_before_label(client, open_event, editor):
    """The box sat under a label ending in a colon, unlike the other boxes."""
    client.force_login(editor)

    with translation.override("fr"):
        content = client.get(
            reverse("events:checkin", args=[open_event.pk])
        ).content.decode()

    box = content.index('name="external"')
    label = content.index("Invité extérieur (hors agents du Département)")
    assert box < label
    assert "Invité extérieur (hors agents du Département)\u00a0:" not in content
    assert "Invité extérieur (hors agents du Département) :" not in content
