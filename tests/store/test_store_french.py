"""The store speaks French first: pages and messages without the /en/ prefix."""

import datetime

from django.urls import reverse
from django.utils import translation

from store.models import Reservation
from tests.store.conftest import HTMX, reserve, slot_at

NNBSP = "\u202f"


def french_url(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def test_reserve_form_in_french(agent_client, laptop):
    response = agent_client.get(french_url("store:reserve"))

    content = response.content.decode()
    assert french_url("store:reserve") == "/boutique/reserver/"
    assert '<html lang="fr">' in content
    assert "Réserver du matériel" in content
    assert "J’accepte les conditions de prêt" in content


def test_slot_outside_hours_message_in_french(agent_client, laptop, monday):
    data = {
        "equipment_type": laptop.pk,
        "start_date": monday.isoformat(),
        "end_date": (monday + datetime.timedelta(days=2)).isoformat(),
        "pickup_at": slot_at(monday, 19).isoformat(),
        "accept_terms": "on",
    }

    response = agent_client.post(french_url("store:reserve"), data)

    content = response.content.decode()
    assert response.status_code == 400
    assert f"Le Smart Store est fermé à cette heure{NNBSP}:" in content
    assert Reservation.objects.count() == 0


def test_reservation_error_summary_colons(agent_client, laptop, monday):
    data = {
        "equipment_type": laptop.pk,
        "start_date": monday.isoformat(),
        "end_date": (monday + datetime.timedelta(days=2)).isoformat(),
    }

    response = agent_client.post(french_url("store:reserve"), data)

    content = response.content.decode()
    summary = content.split('<div class="form-errors"', 1)[1].split("</div>", 1)[0]
    assert response.status_code == 400
    assert f"Créneau de retrait</a>{NNBSP}: " in summary
    assert f"J’accepte les conditions de prêt</a>{NNBSP}: " in summary


def test_desk_in_french(staff_client):
    response = staff_client.get(french_url("store:desk"))

    content = response.content.decode()
    assert "Comptoir du Smart Store" in content
    assert "Compter une visite" in content


def reservation_data(equipment_type, monday):
    return {
        "equipment_type": equipment_type.pk,
        "start_date": monday.isoformat(),
        "end_date": (monday + datetime.timedelta(days=2)).isoformat(),
        "pickup_at": slot_at(monday, 9).isoformat(),
        "accept_terms": "on",
    }


def test_approved_reservation_message_in_french(agent_client, laptop, monday):
    response = agent_client.post(
        french_url("store:reserve"), reservation_data(laptop, monday), follow=True
    )

    reference = Reservation.objects.get().reference
    content = response.content.decode()
    assert f"Votre réservation {reference} est enregistrée et validée." in content
    assert "enregistrée :" not in content


def test_requested_reservation_message_in_french(agent_client, camera, monday):
    response = agent_client.post(
        french_url("store:reserve"), reservation_data(camera, monday), follow=True
    )

    reference = Reservation.objects.get().reference
    content = response.content.decode()
    assert f"Votre demande de réservation {reference} est enregistrée." in content
    assert "L’équipe du Smart Store l’examinera avant de la valider." in content


def test_full_calendar_day_in_french(agent_client, other_agent, laptop, monday):
    reserve(other_agent, laptop, monday, days=1)

    response = agent_client.get(
        french_url("store:availability"), {"equipment_type": laptop.pk}, **HTMX
    )

    content = response.content.decode()
    assert "Complet" in content
    assert "aucun exemplaire libre" in content


def test_help_statuses_read_as_french_participles():
    """ "Close" read like the English word on the help request pages."""
    from store.models import HelpStatus

    with translation.override("fr"):
        labels = [str(status.label) for status in HelpStatus]

    assert labels == [
        "Nouvelle",
        "En cours",
        "En attente de l’agent",
        "Résolue",
        "Clôturée",
    ]
