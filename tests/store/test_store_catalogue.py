"""The catalogue and the demo content: pages in both languages, filters, order."""

import pytest
from django.core.management import call_command
from django.test import Client

from store.models import (
    EquipmentType,
    EquipmentUnit,
    Reservation,
    ServiceCatalogPage,
    ServiceDemand,
    ServicePage,
)
from tests.store.conftest import HTMX, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo, db):
    """The demo site, seeded once per module."""


def page_url(model, language, **filters):
    page = model.objects.live().filter(locale__language_code=language, **filters)
    return page.first().url


def check_catalogue_renders(language, title):
    response = Client().get(page_url(ServiceCatalogPage, language))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in content
    assert title in content
    assert content.count('class="card card--store service-card"') == 7


def check_service_page_renders(language):
    url = page_url(ServicePage, language, action="reserve")
    # Only département staff are offered the reservation action.
    client = Client()
    client.force_login(make_user("Ada"))

    response = client.get(url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "/boutique/services/" in content


def test_seed_twice_same_counts(demo):
    counts = (
        ServicePage.objects.count(),
        EquipmentType.objects.count(),
        EquipmentUnit.objects.count(),
        Reservation.objects.count(),
        ServiceDemand.objects.count(),
    )

    call_command("seed_demo", verbosity=0)

    assert (
        ServicePage.objects.count(),
        EquipmentType.objects.count(),
        EquipmentUnit.objects.count(),
        Reservation.objects.count(),
        ServiceDemand.objects.count(),
    ) == counts
    assert counts[0] == 14


def test_catalogue_pages_filters_and_order(demo):
    """One seeded site serves every catalogue check, because seeding is slow."""
    check_catalogue_renders("fr", "Catalogue des services numériques")
    check_catalogue_renders("en", "Digital services catalogue")
    check_service_page_renders("fr")
    check_service_page_renders("en")
    most_requested_order()
    filters_apply()
    unknown_filter_values_ignored()
    search_in_active_language()
    htmx_returns_results_only()


def test_service_actions(demo):
    """One seeded site serves every action check, because seeding is slow."""
    action_reserve_redirects_to_form()
    action_external_counts_demand()
    action_unknown_key_404()


def most_requested_order():
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(url, {"tri": "popular"})

    content = response.content.decode()
    # Troubleshooting has the most demand, then the laptop loan.
    assert content.index("Dépannage de premier niveau") < content.index(
        "Prêt d’ordinateur portable"
    )
    assert content.index("Prêt d’ordinateur portable") < content.index(
        "Parapheur électronique"
    )


def filters_apply():
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(url, {"action": "reserve"})

    content = response.content.decode()
    assert content.count("card card--store service-card") == 3
    assert "Parapheur" not in content


def unknown_filter_values_ignored():
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(
        url, {"action": "<script>", "public": "x", "tri": "z", "categorie": "abc"}
    )

    assert response.status_code == 200
    assert response.content.decode().count("card card--store service-card") == 7


def search_in_active_language():
    url = page_url(ServiceCatalogPage, "en")

    response = Client().get(url, {"q": "tablet"})

    content = response.content.decode()
    assert "Tablet loan" in content
    assert "Prêt de tablette" not in content


def htmx_returns_results_only():
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(url, {"action": "help"}, **HTMX)

    content = response.content.decode()
    assert content.lstrip().startswith('<section id="service-results"')
    assert "HX-Request" in response["Vary"]


def action_reserve_redirects_to_form():
    service = ServicePage.objects.live().filter(action="reserve").first()

    response = Client().get(f"/boutique/services/{service.translation_key}/action/")

    assert response.status_code == 302
    assert f"type={service.equipment_type_id}" in response["Location"]


def action_external_counts_demand():
    service = ServicePage.objects.live().filter(action="external").first()
    before = sum(
        ServiceDemand.objects.filter(service_key=service.translation_key).values_list(
            "count", flat=True
        )
    )

    url = f"/boutique/services/{service.translation_key}/action/"
    visitor = Client()

    response = visitor.get(url)
    for _again in range(5):
        visitor.get(url)
    Client(REMOTE_ADDR="192.0.2.7").get(url)

    after = sum(
        ServiceDemand.objects.filter(service_key=service.translation_key).values_list(
            "count", flat=True
        )
    )
    assert response.status_code == 302
    assert response["Location"] == "https://parapheur.example.org/"
    # One count per visitor and day, however often the link is followed.
    assert after == before + 2


def action_unknown_key_404():
    response = Client().get(
        "/boutique/services/00000000-0000-0000-0000-000000000000/action/"
    )

    assert response.status_code == 404
