"""The reason staff give when they reject a reservation at the desk: typed in
the desk's form, e-mailed to the agent and shown on the agent's page. A
refused rejection keeps the reason that was typed."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import translation

from store.models import ReservationStatus
from tests.store.conftest import HTMX, reserve

REASON = "Tous les appareils sont en réparation cette semaine <b>désolé</b>."


@pytest.fixture
def requested(agent, camera, monday):
    """A reservation that waits for the desk's approval."""
    return reserve(agent, camera, monday, days=1)


@pytest.fixture
def other_requested(other_agent, camera, monday):
    return reserve(other_agent, camera, monday, days=1)


def reject(client, reservation, note, **headers):
    return client.post(
        reverse("store:desk_reject", args=[reservation.pk]), {"note": note}, **headers
    )


def reject_form(content: str, reservation):
    page = BeautifulSoup(content, "html.parser")
    action = reverse("store:desk_reject", args=[reservation.pk])
    form = page.find("form", action=action)
    assert form is not None, "no reject form for this reservation"
    return form


def test_desk_offers_a_labelled_reason_box(staff_client, requested):
    reservation = requested

    response = staff_client.get(reverse("store:desk"))

    form = reject_form(response.content.decode(), reservation)
    box = form.find("textarea", attrs={"name": "note"})
    label = form.find("label", attrs={"for": box["id"]})
    assert label.get_text(strip=True) == "Reason for the rejection (optional)"
    help_text = form.find(id=box["aria-describedby"])
    assert "e-mail" in help_text.get_text()
    # The form sits in a closed disclosure until staff choose to reject.
    assert form.find_parent("details").get("open") is None


@pytest.mark.parametrize(
    ("language", "label"),
    [("fr", "Confirmer le refus de"), ("en", "Confirm the rejection of")],
)
def test_confirm_button_keeps_reference_whole(staff_client, requested, language, label):
    """The reference does not break at its hyphen on a narrow screen."""
    with translation.override(language):
        response = staff_client.get(reverse("store:desk"))
        form = reject_form(response.content.decode(), requested)

    button = form.find("button")
    assert button.get_text(" ", strip=True) == f"{label} {requested.reference}"
    reference = button.find("span", class_="nowrap")
    assert reference is not None
    assert reference.get_text() == requested.reference


def test_reason_reaches_agent_by_email_and_page(
    staff_client, agent_client, requested, django_capture_on_commit_callbacks
):
    reservation = requested
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = reject(staff_client, reservation, REASON, **HTMX)

    assert response.status_code == 200
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REJECTED
    [message] = mail.outbox
    assert f"Motif indiqué par l’équipe du Smart Store\u202f: {REASON}" in message.body
    assert f"Reason given by the store team: {REASON}" in message.body

    page = agent_client.get(reverse("store:mine")).content.decode()
    item = BeautifulSoup(page, "html.parser").find(id=f"reservation-{reservation.pk}")
    reason = item.find(class_="store-item__reason")
    assert reason.get_text() == f"Reason given by the store team: {REASON}"
    # The reason is text: the tags typed stay visible, not markup.
    assert "<b>désolé</b>" not in page
    assert "&lt;b&gt;désolé&lt;/b&gt;" in page


def test_agent_page_in_french(agent_client, staff, requested):
    from store import reservations as services

    reservation = requested
    services.reject_reservation(staff, reservation.pk, "Plus de stock")

    with translation.override("fr"):
        page = agent_client.get(
            reverse("store:mine"), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()

    assert "Motif indiqué par l’équipe du Smart Store\u202f: Plus de stock" in page


def test_rejection_without_reason_says_nothing_of_one(
    staff_client, agent_client, requested, django_capture_on_commit_callbacks
):
    reservation = requested
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reject(staff_client, reservation, "   ", **HTMX)

    [message] = mail.outbox
    assert "Reason given" not in message.body
    page = agent_client.get(reverse("store:mine")).content.decode()
    assert "store-item__reason" not in page


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain-form"])
def test_too_long_reason_comes_back_typed(
    staff_client, requested, other_requested, htmx
):
    reservation, other = requested, other_requested
    typed = "Raison trop longue. " * 20

    response = reject(staff_client, reservation, typed, **(HTMX if htmx else {}))

    assert response.status_code == 400
    content = response.content.decode()
    form = reject_form(content, reservation)
    box = form.find("textarea")
    assert box.get_text() == typed
    assert box["aria-invalid"] == "true"
    error = form.find(id=box["aria-describedby"].split()[-1])
    assert "300" in error.get_text()
    assert form.find_parent("details").get("open") is not None
    # Only the form that was sent contains the text.
    other_form = reject_form(content, other)
    assert other_form.find("textarea").get_text() == ""
    assert not other_form.find("textarea").has_attr("aria-invalid")
    assert other_form.find_parent("details").get("open") is None
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.REQUESTED


def test_rejecting_a_reservation_approved_meanwhile_is_refused(
    staff, staff_client, requested, other_requested
):
    """Another member of staff approved it first: the rejection is refused
    with a message, and no other form gets the reason typed."""
    from store import reservations as services

    reservation, still_requested = requested, other_requested
    services.approve_reservation(staff, reservation.pk)

    response = reject(staff_client, reservation, REASON, **HTMX)

    assert response.status_code == 409
    assert "desk-message" in response.content.decode()
    # The approved reservation has left the list; the others' forms are empty.
    content = response.content.decode()
    assert reject_form(content, still_requested).find("textarea").get_text() == ""
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.APPROVED


def test_line_breaks_count_once_without_javascript(staff_client, requested):
    """A plain form posts each line break as CR LF: 300 characters on screen
    were refused as 302."""
    lines = ["a" * 99, "b" * 99, "c" * 100]

    response = reject(staff_client, requested, "\r\n".join(lines))

    assert response.status_code == 302
    event = requested.events.get(to_status=ReservationStatus.REJECTED)
    assert event.note == "\n".join(lines)


def test_nul_left_out_of_reason_sent_back(staff_client, requested):
    response = reject(staff_client, requested, "Plus de\x00 stock", **HTMX)

    assert response.status_code == 400
    box = reject_form(response.content.decode(), requested).find("textarea")
    assert box.get_text() == "Plus de stock"
