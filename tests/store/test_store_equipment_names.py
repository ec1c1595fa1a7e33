"""Equipment type names and descriptions follow the page language."""

from django.urls import reverse
from django.utils import translation

from store.models import EquipmentType


def test_display_name_in_each_language(db):
    laptop = EquipmentType(
        name="Ordinateur portable",
        name_en="Laptop",
        description="PC portable",
        description_en="Portable computer",
    )

    with translation.override("fr"):
        french = (laptop.display_name, laptop.display_description, str(laptop))
    with translation.override("en"):
        english = (laptop.display_name, laptop.display_description, str(laptop))

    assert french == ("Ordinateur portable", "PC portable", "Ordinateur portable")
    assert english == ("Laptop", "Portable computer", "Laptop")


def test_display_name_falls_back_to_french(db):
    headset = EquipmentType(name="Casque audio")

    with translation.override("en"):
        name = headset.display_name

    assert name == "Casque audio"


def test_reserve_form_english_type_name(agent_client, laptop):
    laptop.name_en = "Laptop"
    laptop.save()

    response = agent_client.get(reverse("store:reserve") + f"?type={laptop.pk}")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Availability: Laptop" in content
    assert "Ordinateur portable" not in content


def test_reserve_form_french_type_name(agent_client, laptop):
    laptop.name_en = "Laptop"
    laptop.save()
    with translation.override("fr"):
        url = reverse("store:reserve") + f"?type={laptop.pk}"

    response = agent_client.get(url)

    content = response.content.decode()
    assert "Ordinateur portable" in content
    assert "Laptop" not in content
