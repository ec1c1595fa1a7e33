"""Help requests: opening, conversation, statuses and the satisfaction link."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from store import help_requests as services
from store.errors import StoreError
from store.models import HelpMessage, HelpRequest, HelpStatus

LATER = datetime.timedelta(days=3)


def open_request(user, walk_in=True):
    return services.create_help_request(
        user,
        "troubleshooting",
        "Mon casque ne se connecte plus.",
        preferred_at=None if walk_in else timezone.now() + LATER,
        walk_in=walk_in,
    )


def test_help_form_creates_request(agent_client, agent):
    response = agent_client.post(
        reverse("store:help_new"),
        {"kind": "getting_started", "description": "Prise en main", "walk_in": "on"},
    )

    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("store:help_detail", args=[help_request.pk])
    assert help_request.requester == agent
    assert help_request.walk_in
    assert help_request.events.get().to_status == HelpStatus.NEW


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "getting_started", "description": "x"}, "Choose a preferred slot"),
        (
            {
                "kind": "getting_started",
                "description": "x",
                "preferred_at": "2020-01-01T10:00",
            },
            "in the past",
        ),
        (
            {
                "kind": "getting_started",
                "description": "x",
                "preferred_at": "9999-12-31T23:59",
            },
            "too far ahead",
        ),
        ({"kind": "unknown", "description": "x", "walk_in": "on"}, "Choose the kind"),
        ({"kind": "troubleshooting", "walk_in": "on"}, "Describe what you need"),
        (
            {"kind": "troubleshooting", "walk_in": "on", "description": "\u200b\u2060"},
            "Describe what you need",
        ),
    ],
)
def test_help_form_bad_input_changes_nothing(agent_client, data, message):
    response = agent_client.post(reverse("store:help_new"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert HelpRequest.objects.count() == 0


def test_help_form_drops_direction_overrides(agent_client):
    """An open right-to-left override reversed the text after it on the
    staff's pages."""
    agent_client.post(
        reverse("store:help_new"),
        {
            "kind": "troubleshooting",
            "description": "Écran \u202enoir\u202c au démarrage",
            "walk_in": "on",
        },
    )

    assert HelpRequest.objects.get().description == "Écran noir au démarrage"


def test_help_form_reports_every_error(agent_client):
    response = agent_client.post(reverse("store:help_new"), {})

    content = response.content.decode()
    assert response.status_code == 400
    assert "Choose the kind of help you need." in content
    assert "Describe what you need help with." in content
    assert "Choose a preferred slot" in content
    assert HelpRequest.objects.count() == 0


def test_help_form_summary_links_slot_error(agent_client):
    response = agent_client.post(
        reverse("store:help_new"),
        {"kind": "getting_started", "description": "Prise en main"},
    )

    content = response.content.decode()
    summary = content.split('<div class="form-errors"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert 'href="#id_preferred_at"' in summary
    assert "Choose a preferred slot" in summary


@pytest.mark.parametrize(
    ("language", "separator"), [("en", "</a>: "), ("fr", "</a>\u202f: ")]
)
def test_help_form_summary_colon_by_language(agent_client, language, separator):
    """French puts a narrow no-break space before a colon, English none."""
    with translation.override(language):
        url = reverse("store:help_new")

    response = agent_client.post(url, {"kind": "getting_started", "description": "x"})

    content = response.content.decode()
    summary = content.split('<div class="form-errors"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert separator in summary
    assert "</a> : " not in summary


def test_help_form_says_when_slot_required(agent_client):
    response = agent_client.get(reverse("store:help_new"))

    content = response.content.decode()
    assert "Required unless you tick" in content


def test_help_form_walk_in_label_follows_box(agent_client):
    response = agent_client.get(reverse("store:help_new"))

    content = response.content.decode()
    assert 'id="id_walk_in"><label for="id_walk_in">' in content


def test_help_detail_hidden_from_other_agent(agent, other_agent):
    help_request = open_request(agent)
    client = Client()
    client.force_login(other_agent)

    response = client.get(reverse("store:help_detail", args=[help_request.pk]))

    assert response.status_code == 404


def test_conversation_between_agent_and_staff(
    agent, staff, django_capture_on_commit_callbacks
):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.WAITING)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(staff, help_request.pk, "Avez-vous redémarré ?")
    assert len(mail.outbox) == 1
    services.post_message(agent, help_request.pk, "Oui, sans effet.")

    help_request.refresh_from_db()
    messages = list(help_request.messages.values_list("from_staff", flat=True))
    assert messages == [True, False]
    # The agent's reply takes the request out of "waiting".
    assert help_request.status == HelpStatus.IN_PROGRESS


def test_status_email_lower_case_after_colon(
    agent, staff, django_capture_on_commit_callbacks
):
    help_request = open_request(agent)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_help_status(staff, help_request.pk, HelpStatus.WAITING)

    body = mail.outbox[0].body
    assert "est désormais\u202f: en attente" in body
    assert "is now: waiting for the agent." in body


def test_message_escaped_on_page(agent_client, agent):
    help_request = open_request(agent)

    agent_client.post(
        reverse("store:help_detail", args=[help_request.pk]),
        {"body": "<img src=x onerror=alert(1)>"},
    )
    response = agent_client.get(reverse("store:help_detail", args=[help_request.pk]))

    content = response.content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x" in content


def test_status_change_not_allowed_refused(agent, staff):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.CLOSED)

    with pytest.raises(StoreError) as error:
        services.change_help_status(staff, help_request.pk, HelpStatus.IN_PROGRESS)

    assert error.value.code == "help_bad_transition"


def test_closed_request_refuses_messages(agent, staff):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.CLOSED)

    with pytest.raises(StoreError) as error:
        services.post_message(agent, help_request.pk, "Encore une question")

    assert error.value.code == "help_closed"
    assert HelpMessage.objects.count() == 0


def test_external_reference_saved(staff_client, agent):
    help_request = open_request(agent)

    staff_client.post(
        reverse("store:desk_help_status", args=[help_request.pk]),
        {"status": "in_progress", "external_reference": " GLPI-4521 "},
    )

    help_request.refresh_from_db()
    assert help_request.external_reference == "GLPI-4521"
    assert help_request.status == HelpStatus.IN_PROGRESS


def test_closing_email_carries_satisfaction_link(
    agent, staff, django_capture_on_commit_callbacks
):
    help_request = open_request(agent)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_help_status(staff, help_request.pk, HelpStatus.RESOLVED)

    assert "/boutique/satisfaction/" in mail.outbox[0].body


def test_satisfaction_link_works_without_sign_in(agent, staff):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.RESOLVED)
    token = services.make_satisfaction_token(help_request)
    url = reverse("store:satisfaction", args=[token])

    page = Client().get(url)
    answer = Client().post(url, {"rating": "4", "comment": "Merci"})
    again = Client().post(url, {"rating": "1"})

    help_request.refresh_from_db()
    assert page.status_code == 200
    assert answer.status_code == 200
    assert help_request.satisfaction_rating == 4
    assert help_request.satisfaction_comment == "Merci"
    assert again.status_code == 400
    assert "already recorded" in again.content.decode()


def test_satisfaction_tampered_token_refused(agent, staff):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.RESOLVED)
    token = services.make_satisfaction_token(help_request)

    response = Client().post(
        reverse("store:satisfaction", args=[token[:-2] + "xx"]), {"rating": "5"}
    )

    help_request.refresh_from_db()
    assert response.status_code == 400
    assert "invalid or has expired" in response.content.decode()
    assert help_request.satisfaction_rating is None


def test_satisfaction_before_closure_refused(agent):
    help_request = open_request(agent)
    token = services.make_satisfaction_token(help_request)

    response = Client().post(
        reverse("store:satisfaction", args=[token]), {"rating": "5"}
    )

    help_request.refresh_from_db()
    assert help_request.satisfaction_rating is None
    assert "not closed yet" in response.content.decode()


def test_satisfaction_rating_out_of_range_refused(agent, staff):
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.CLOSED)
    token = services.make_satisfaction_token(help_request)

    response = Client().post(
        reverse("store:satisfaction", args=[token]), {"rating": "9"}
    )

    help_request.refresh_from_db()
    assert response.status_code == 400
    assert help_request.satisfaction_rating is None


def test_status_of_missing_request_is_404(staff_client):
    response = staff_client.post(
        reverse("store:desk_help_status", args=[999999]), {"status": "in_progress"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "reference",
    ["GLPI-" + "4" * 76, "GLPI\x00-4521"],
    ids=["too-long", "nul"],
)
def test_invalid_external_reference_changes_nothing(staff_client, agent, reference):
    """A long reference was cut to 80 characters, and NUL dropped, in silence."""
    help_request = open_request(agent)

    response = staff_client.post(
        reverse("store:desk_help_status", args=[help_request.pk]),
        {"status": "in_progress", "external_reference": reference},
    )

    help_request.refresh_from_db()
    assert response.status_code == 400
    assert help_request.external_reference == ""
    assert help_request.status == HelpStatus.NEW


def test_long_reference_keeps_typed_values(staff_client, agent):
    help_request = open_request(agent)
    reference = "GLPI-" + "4" * 76

    with translation.override("fr"):
        response = staff_client.post(
            reverse("store:desk_help_status", args=[help_request.pk]),
            {"status": "in_progress", "external_reference": reference},
            HTTP_ACCEPT_LANGUAGE="fr",
        )

    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", attrs={"name": "external_reference"})
    chosen = page.find("select", attrs={"name": "status"}).find("option", selected=True)
    assert "au plus 80 caractères" in response.content.decode()
    assert field["value"] == reference
    assert chosen["value"] == "in_progress"


def test_reference_at_limit_saved(staff_client, agent):
    help_request = open_request(agent)
    reference = "GLPI-" + "4" * 75

    staff_client.post(
        reverse("store:desk_help_status", args=[help_request.pk]),
        {"external_reference": reference},
    )

    help_request.refresh_from_db()
    assert help_request.external_reference == reference


def test_status_change_keeps_external_reference(staff_client, agent):
    help_request = open_request(agent)
    help_request.external_reference = "GLPI-4521"
    help_request.save()

    staff_client.post(
        reverse("store:desk_help_status", args=[help_request.pk]),
        {"status": "in_progress"},
    )

    help_request.refresh_from_db()
    assert help_request.external_reference == "GLPI-4521"
    assert help_request.status == HelpStatus.IN_PROGRESS


def test_check_external_reference_long_raises():
    with pytest.raises(ValueError, match="at most 80"):
        services.check_external_reference("x" * 81)


def test_rejected_status_keeps_typed_reference(staff_client, agent, staff):
    """The reference typed with a status change that is not allowed was not
    saved, and the page came back without it and without saying so."""
    help_request = open_request(agent)
    services.change_help_status(staff, help_request.pk, HelpStatus.CLOSED)

    with translation.override("fr"):
        response = staff_client.post(
            reverse("store:desk_help_status", args=[help_request.pk]),
            {"status": "in_progress", "external_reference": "GLPI-4521"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )

    help_request.refresh_from_db()
    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", attrs={"name": "external_reference"})
    content = response.content.decode()
    assert response.status_code == 400
    assert help_request.external_reference == ""
    assert field["value"] == "GLPI-4521"
    assert "Rien n’a été enregistré." in content
    assert "ce changement est impossible" in content
