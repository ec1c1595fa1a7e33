"""Registration reports in the admin: list, add, remove, export."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from accounts.groups import EDITORS
from events import registrations as services
from events.models import Registration


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user(first_name="Éditrice")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_admin_index_lists_event_counts(editor_client, open_event, make_user):
    services.register(make_user(), open_event)

    response = editor_client.get(reverse("events_admin:index"))

    assert response.status_code == 200
    assert "Agenda partagé" in response.content.decode()


@pytest.mark.django_db
def test_admin_index_attendance_column_plural(editor_client, open_event):
    with translation.override("fr"):
        response = editor_client.get(reverse("events_admin:index"))

    assert '<th scope="col">Présences</th>' in response.content.decode()


@pytest.mark.django_db
def test_admin_needs_permission(client, open_event, make_user):
    client.force_login(make_user(is_staff=True))

    response = client.get(reverse("events_admin:event", args=[open_event.pk]))

    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_admin_adds_account_and_guest(editor_client, open_event, make_user):
    agent = make_user()
    url = reverse("events_admin:event", args=[open_event.pk])

    first = editor_client.post(url, {"email": agent.email})
    second = editor_client.post(
        url, {"email": "invite@acme.fr", "name": "Invité Acme", "organisation": "Acme"}
    )
    third = editor_client.post(
        url, {"email": "plein@acme.fr", "name": "Troisième", "organisation": ""}
    )
    again = editor_client.post(url, {"email": agent.email})

    statuses = dict(
        Registration.objects.filter(event=open_event).values_list("email", "status")
    )
    assert first.status_code == 302
    assert second.status_code == 302
    assert third.status_code == 302
    assert again.status_code == 400
    assert statuses == {
        agent.email: "confirmed",
        "invite@acme.fr": "confirmed",
        "plein@acme.fr": "waiting",
    }


@pytest.mark.django_db
def test_admin_remove_promotes_waiting(editor_client, open_event, make_user):
    first = services.register(make_user(), open_event).registration
    services.register(make_user(), open_event)
    waiting = services.register(make_user(), open_event).registration

    response = editor_client.post(reverse("events_admin:remove", args=[first.pk]))
    waiting.refresh_from_db()

    assert response.status_code == 302
    assert waiting.status == "confirmed"


@pytest.mark.django_db
def test_admin_exports_three_formats(editor_client, open_event, make_user):
    services.register(make_user(last_name="=HYPERLINK()"), open_event)
    services.register(make_user(last_name="Élodie"), open_event)

    french = editor_client.get(
        reverse("events_admin:export", args=[open_event.pk, "csv-fr"])
    )
    standard = editor_client.get(
        reverse("events_admin:export", args=[open_event.pk, "csv"])
    )
    xlsx = editor_client.get(
        reverse("events_admin:export", args=[open_event.pk, "xlsx"])
    )
    unknown = editor_client.get(
        reverse("events_admin:export", args=[open_event.pk, "pdf"])
    )

    assert french.content.startswith(b"\xef\xbb\xbf")
    french_rows = list(
        csv.reader(io.StringIO(french.content.decode("utf-8-sig")), delimiter=";")
    )
    assert french_rows[0][0] == "Nom"
    assert len(french_rows) == 3
    assert not standard.content.startswith(b"\xef\xbb\xbf")
    standard_rows = list(csv.reader(io.StringIO(standard.content.decode())))
    assert any("Élodie" in row[0] for row in standard_rows)
    assert all(not row[0].startswith("=") for row in standard_rows)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    assert unknown.status_code == 404


@pytest.mark.django_db
def test_admin_xlsx_export_control_characters(editor_client, open_event):
    services.request_guest_registration(
        open_event,
        name="Jean\x01Dupont",
        organisation="\x08=HYPERLINK()",
        email="jean.dupont@mairie.example.fr",
    )

    response = editor_client.get(
        reverse("events_admin:export", args=[open_event.pk, "xlsx"])
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "JeanDupont"
    assert sheet["B2"].value == "'=HYPERLINK()"


@pytest.mark.django_db
def test_page_explorer_offers_registrations(client, open_event, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.get(
        reverse("wagtailadmin_explore", args=[open_event.get_parent().pk])
    )

    assert response.status_code == 200
    assert reverse("events_admin:event", args=[open_event.pk]) in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "export/csv/"])
def test_admin_event_with_too_long_id(editor_client, suffix):
    response = editor_client.get(f"/admin/registrations/{'9' * 30}/{suffix}")

    assert response.status_code == 404
