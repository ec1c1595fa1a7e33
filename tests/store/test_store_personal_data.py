"""Export and erasure of a person's store data."""

import pytest
from django.urls import reverse

from store import desk
from store import help_requests as help_services
from store import reservations as services
from store.models import HelpMessage, HelpRequest, Reservation, ReservationEvent
from store.personal_data import erase_user_data, export_user_data
from tests.store.conftest import reserve


@pytest.fixture
def history(agent, staff, laptop, monday):
    """The agent's collected laptop loan with a note, and their help request
    with a message from staff."""
    reservation = reserve(
        agent, laptop, monday, days=1, note="Pour la réunion de Mme Dupont"
    )
    desk.hand_over(staff, reservation.pk)
    help_request = help_services.create_help_request(
        agent,
        "troubleshooting",
        "Mon numéro : 06 00 00 00 00",
        preferred_at=None,
        walk_in=True,
    )
    help_services.post_message(staff, help_request.pk, "Bonjour Ada")
    return reservation, help_request


def test_export_lists_everything(agent, history):
    reservation, help_request = history

    data = export_user_data(agent)

    assert [r["reference"] for r in data["store_reservations"]] == [
        reservation.reference
    ]
    assert data["store_reservations"][0]["note"] == "Pour la réunion de Mme Dupont"
    assert data["store_help_requests"][0]["description"].startswith("Mon numéro")
    assert len(data["store_reservation_changes"]) == 1
    assert set(data) == {
        "store_reservations",
        "store_reservation_changes",
        "store_help_requests",
        "store_help_messages",
    }


@pytest.mark.usefixtures("history")
def test_export_of_other_person_is_empty(other_agent):
    data = export_user_data(other_agent)

    assert all(records == [] for records in data.values())


def test_erase_keeps_counts_without_person(agent, history):
    reservation, help_request = history
    counts = (Reservation.objects.count(), HelpRequest.objects.count())
    event_count = ReservationEvent.objects.count()

    erase_user_data(agent)

    reservation.refresh_from_db()
    help_request.refresh_from_db()
    assert (Reservation.objects.count(), HelpRequest.objects.count()) == counts
    assert ReservationEvent.objects.count() == event_count
    assert reservation.user is None
    assert reservation.agent_note == ""
    assert reservation.status == "collected"
    assert help_request.requester is None
    assert help_request.description == ""
    assert not HelpMessage.objects.filter(help_request=help_request).exists()
    assert not ReservationEvent.objects.filter(actor=agent).exists()
    assert all(records == [] for records in export_user_data(agent).values())


def test_erase_staff_keeps_their_actions_anonymous(staff, history):
    reservation, _help_request = history

    erase_user_data(staff)

    assert reservation.events.filter(actor__isnull=True).exists()
    assert reservation.events.count() == 3


def test_erase_cancels_reservations_not_collected(agent, staff, laptop_reservation):
    """An erased person will not come: their unit and pick-up slot free up."""
    reservation = laptop_reservation
    services.prepare_reservation(staff, reservation.pk)

    erase_user_data(agent)

    reservation.refresh_from_db()
    assert reservation.user is None
    assert reservation.status == "cancelled"
    assert reservation.unit is None
    change = reservation.events.order_by("pk").last()
    assert change.to_status == "cancelled"
    assert change.from_status == "ready"
    assert change.actor is None


def test_self_erasure_waits_for_loan_return(agent, history, agent_client):
    reservation, _help_request = history
    url = reverse("accounts:erase_account")

    page = agent_client.get(url)
    refused = agent_client.post(url, {"confirm": "on"})

    agent.refresh_from_db()
    body = refused.content.decode()
    assert page.status_code == 200
    assert reservation.reference in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    assert refused.status_code == 409
    assert reservation.reference in body
    assert agent.is_active
    assert agent.erased_at is None


def test_self_erasure_allowed_after_return(agent, history, agent_client):
    reservation, _help_request = history
    Reservation.objects.filter(pk=reservation.pk).update(status="returned")

    response = agent_client.post(reverse("accounts:erase_account"), {"confirm": "on"})

    agent.refresh_from_db()
    assert response.status_code == 302
    assert agent.erased_at is not None
