"""Store filters written with digits that int() rejects ("²") or with an id
too long for the database are ignored, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from store.models import ServiceCatalogPage
from tests.store.conftest import HTMX
from tests.store.test_store_catalogue import demo, page_url  # noqa: F401 - fixture


def test_catalogue_category_superscript_digit(demo):  # noqa: F811 - fixture
    url = page_url(ServiceCatalogPage, "fr")

    response = Client().get(url, {"categorie": "²"})

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["type", "equipment_type"])
def test_reserve_type_superscript_digit(agent_client, laptop, name):
    url = reverse("store:reserve" if name == "type" else "store:availability")

    response = agent_client.get(url, {name: "²"}, **HTMX)

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_labels_type_invalid_value(staff_client, laptop, value):
    response = staff_client.get(reverse("store:labels"), {"type": value})

    assert response.status_code == 200
