"""Store filters written with digits that int() rejects ("²") or with an id
too long for the database are ignored, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from store.models import ServiceCatalogPage
from tests.store.conftest import HTMX
from tests.store.test_store_catalogue import demo, page_url  # noqa: F401 - fixture


@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_catalogue_category_invalid_value(demo, value):  # noqa: F811 - fixture
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(url, {"categorie": value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 30])
@pytest.mark.parametrize("name", ["type", "equipment_type"])
def test_reserve_type_invalid_value(agent_client, laptop, name, value):
    url = reverse("store:reserve" if name == "type" else "store:availability")

    response = agent_client.get(url, {name: value}, **HTMX)

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_labels_type_invalid_value(staff_client, laptop, value):
    response = staff_client.get(reverse("store:labels"), {"type": value})

    assert response.status_code == 200
