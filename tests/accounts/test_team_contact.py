"""Pages that send people to the Smart Corner team give its address when
the site settings hold one."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from home.models import SiteSettings

ADDRESS = "smartcorner@departement.example"
LINK = f'<a href="mailto:{ADDRESS}">{ADDRESS}</a>'


@pytest.fixture
def contact_address(db):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = ADDRESS
    site_settings.save()


@pytest.mark.usefixtures("contact_address")
def test_sign_in_page_gives_address():
    body = Client().get(reverse("accounts:login")).content.decode()

    assert f"Adresse de l’équipe\u202f: {LINK}." in body


@pytest.mark.usefixtures("contact_address")
def test_profile_gives_address(agent):
    client = Client()
    client.force_login(agent)

    body = client.get(reverse("accounts:profile")).content.decode()

    assert LINK in body


@pytest.mark.django_db
def test_sign_in_page_without_address():
    body = Client().get(reverse("accounts:login")).content.decode()

    assert "Contactez l’équipe du Smart Corner." in body
    assert "mailto:" not in body
