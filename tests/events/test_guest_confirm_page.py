"""A guest's confirmation link shows a button; only its POST confirms."""

import pytest
from django.urls import reverse

from events import registrations as services
from events.models import Registration, RegistrationStatus


@pytest.fixture
def pending(open_event):
    return services.request_guest_registration(
        open_event, name="Alex Martin", organisation="ACME", email="alex@acme.fr"
    )


def confirm_url(registration) -> str:
    return reverse(
        "events:guest_confirm", args=[services.make_guest_token(registration)]
    )


@pytest.mark.django_db
def test_opening_link_does_not_confirm(client, open_event, pending):
    response = client.get(confirm_url(pending))

    body = response.content.decode()
    pending.refresh_from_db()
    assert response.status_code == 200
    assert 'method="post"' in body
    assert "Confirmer mon inscription" in body
    assert pending.status == RegistrationStatus.PENDING
    assert services.count_seats_taken(open_event) == 0


@pytest.mark.django_db
def test_button_confirms_registration(client, open_event, pending):
    url = confirm_url(pending)

    response = client.post(url)
    page_after = client.get(url)

    pending.refresh_from_db()
    assert response.status_code == 200
    assert pending.status == RegistrationStatus.CONFIRMED
    assert services.count_seats_taken(open_event) == 1
    assert "déjà confirmée" in page_after.content.decode()
    assert pending.code in page_after.content.decode()


@pytest.mark.django_db
def test_expired_link_page_says_so(client, open_event, pending, settings):
    url = confirm_url(pending)
    settings.EVENTS_GUEST_LINK_HOURS = -1

    response = client.get(url)

    assert response.status_code >= 400
    assert 'method="post"' not in response.content.decode()
    assert Registration.objects.get(pk=pending.pk).status == RegistrationStatus.PENDING


@pytest.mark.django_db
def test_tampered_link_refused(client, pending):
    response = client.get(confirm_url(pending)[:-3] + "xyz/")

    assert response.status_code >= 400
    assert 'method="post"' not in response.content.decode()
