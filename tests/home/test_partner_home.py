"""The home page as a partner sees it: no promise of staff-only store services."""

import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale, Page, Site

from accounts.models import User
from home.models import HomePage, Space, SpacePage

STORE_LEAD = "Commandez votre matériel et retirez-le au comptoir."
INTRO = "Ouvert à tous les agents : empruntez du matériel."


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db) -> HomePage:
    french, _created = Locale.objects.get_or_create(language_code="fr")
    page = HomePage(
        title="Accueil", slug=f"accueil-{uuid.uuid4().hex[:6]}", intro=INTRO
    )
    page.locale = french
    Page.get_first_root_node().add_child(instance=page)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": page},
    )
    page.add_child(
        instance=SpacePage(title="Smart Store", space=Space.STORE, lead=STORE_LEAD)
    )
    return page


def render_home_as(home: HomePage, **user_fields) -> str:
    user = User.objects.create_user(
        email=f"{uuid.uuid4().hex[:8]}@example.org", password="x" * 12, **user_fields
    )
    client = Client()
    client.force_login(user)
    response = client.get(home.url)
    assert response.status_code == 200
    return response.content.decode()


def test_partner_home_hides_store_promises(home):
    content = render_home_as(home, kind="partner")

    assert STORE_LEAD not in content
    assert INTRO not in content
    assert "réservés aux agents du Département" in content


def test_agent_home_keeps_store_promises(home):
    content = render_home_as(home, kind="agent")

    assert STORE_LEAD in content
    assert INTRO in content


def test_partner_home_after_agent_not_from_cache(home):
    render_home_as(home, kind="agent")

    content = render_home_as(home, kind="partner")

    assert STORE_LEAD not in content
