"""Reservation and help actions are offered only to people who may use them."""

import pytest
from django.test import Client

from accounts.models import UserKind
from store.models import ServiceCatalogPage, ServicePage
from tests.store.conftest import make_user

pytestmark = pytest.mark.django_db

AGENT_ONLY_PATHS = ("/boutique/reserver/", "/boutique/aide/", "/boutique/mon-espace/")
STAFF_ONLY_SENTENCE = "réservés aux agents du Département"


@pytest.fixture
def demo(seeded_demo, db):
    """The demo site, seeded once per module."""


def client_for(kind):
    client = Client()
    if kind is not None:
        client.force_login(make_user("Visitor", kind=kind))
    return client


def french_url(model, **filters):
    return model.objects.live().filter(locale__language_code="fr", **filters)[0].url


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_agent_only_actions_by_visitor(demo):
    """One seeded site serves every visitor, because seeding is slow."""
    catalogue = french_url(ServiceCatalogPage)
    reserve_service = ServicePage.objects.live().get(
        locale__language_code="fr", action="reserve", slug="pret-tablette"
    )
    help_service = french_url(ServicePage, action="help")
    training_service = ServicePage.objects.live().filter(
        locale__language_code="fr", action="training"
    )[0]
    reserve_action = f"/boutique/services/{reserve_service.translation_key}/action/"
    training_action = f"/boutique/services/{training_service.translation_key}/action/"
    partner, anonymous, agent = (
        client_for(UserKind.PARTNER),
        client_for(None),
        client_for(UserKind.AGENT),
    )

    partner_catalogue = get_page(partner, catalogue)
    anonymous_catalogue = get_page(anonymous, catalogue)
    agent_catalogue = get_page(agent, catalogue)
    partner_service = get_page(partner, reserve_service.url)
    anonymous_service = get_page(anonymous, reserve_service.url)
    agent_service = get_page(agent, reserve_service.url)
    partner_help_service = get_page(partner, help_service)
    partner_training_service = get_page(partner, training_service.url)

    for path in AGENT_ONLY_PATHS:
        assert f'href="{path}"' not in partner_catalogue
        assert f'href="{path}"' not in anonymous_catalogue
        assert f'href="{path}"' in agent_catalogue
    assert STAFF_ONLY_SENTENCE in partner_catalogue
    assert "Connectez-vous pour en bénéficier" not in partner_catalogue
    assert STAFF_ONLY_SENTENCE in anonymous_catalogue
    assert "Connectez-vous pour en bénéficier" in anonymous_catalogue
    assert STAFF_ONLY_SENTENCE not in agent_catalogue
    assert reserve_action not in partner_service
    assert STAFF_ONLY_SENTENCE in partner_service
    assert reserve_action not in anonymous_service
    assert "Connectez-vous pour en bénéficier" in anonymous_service
    assert reserve_action in agent_service
    assert "/action/" not in partner_help_service
    assert STAFF_ONLY_SENTENCE in partner_help_service
    assert training_action in partner_training_service


@pytest.mark.parametrize("path", AGENT_ONLY_PATHS)
def test_agent_only_urls_forbid_partner(partner, path):
    client = Client()
    client.force_login(partner)

    response = client.get(path)

    assert response.status_code == 403
