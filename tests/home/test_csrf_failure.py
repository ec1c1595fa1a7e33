"""A failed CSRF check gets the site's 403 page with what to do."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def strict_client(db):
    person = User.objects.create_user(email="csrf@example.org", password="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    return client


def test_expired_form_gets_site_page(strict_client):
    response = strict_client.post(reverse("accounts:profile"), {"first_name": "A"})

    body = response.content.decode()
    assert response.status_code == 403
    assert "Rechargez la page" in body
    assert '<html lang="fr"' in body
    assert "CSRF verification failed" not in body
    assert "Échec de la vérification CSRF" not in body


def test_expired_form_htmx_gets_refusal_alone(strict_client):
    response = strict_client.post(
        reverse("accounts:profile"), {"first_name": "A"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 403
    assert body.lstrip().startswith('<p class="message message--error" role="alert">')
    assert "Rechargez la page" in body
    assert "HX-Request" in response["Vary"]
