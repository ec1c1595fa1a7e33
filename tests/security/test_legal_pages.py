"""Legal pages show the facts kept in the site settings, in both languages."""

import datetime

import pytest
from wagtail.models import Locale, Page, Site

from home.models import (
    AccessibilityStatus,
    HomePage,
    LegalKind,
    LegalPage,
    SiteSettings,
)


@pytest.fixture
def legal_site(db):
    """A French home page with the three legal pages, translated into English."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage(title="Accueil", slug="accueil-legal", locale=french)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    site.root_page = home
    site.save()
    home.save_revision().publish()
    home.copy_for_translation(english).save_revision().publish()
    for kind in LegalKind.values:
        page = LegalPage(title=kind, slug=kind.replace("_", "-"), kind=kind)
        home.add_child(instance=page)
        page.save_revision().publish()
        page.copy_for_translation(english).save_revision().publish()
    site_settings = SiteSettings.for_site(site)
    site_settings.accessibility_status = AccessibilityStatus.PARTIAL
    site_settings.accessibility_rate = 64
    site_settings.accessibility_audit_date = datetime.date(2026, 10, 2)
    site_settings.accessibility_auditor = "Cabinet Exemple"
    site_settings.accessibility_contact = "a11y@departement.example"
    site_settings.publisher_name = "Département d’Exemple"
    site_settings.publication_director = "Claude Martin"
    site_settings.host_name = "Hébergeur Exemple"
    site_settings.data_protection_officer_contact = "dpo@departement.example"
    site_settings.save()
    return site


def legal_page_content(client, kind: str, language: str) -> str:
    page = LegalPage.objects.get(kind=kind, locale__language_code=language)
    response = client.get(page.get_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_accessibility_statement_shows_settings(client, legal_site):
    content = legal_page_content(client, "accessibility", "fr")

    assert "partiellement conforme" in content
    assert "64 %" in content
    assert "2 octobre 2026" in content
    assert "Cabinet Exemple" in content
    assert "a11y@departement.example" in content
    assert "Voies de recours" in content
    assert "Défenseur des droits" in content


@pytest.mark.django_db
def test_accessibility_statement_in_english(client, legal_site):
    content = legal_page_content(client, "accessibility", "en")

    assert "partially compliant" in content
    assert "64%" in content
    assert "Recourse" in content


@pytest.mark.django_db
def test_legal_notice_shows_publisher_and_host(client, legal_site):
    content = legal_page_content(client, "legal_notice", "fr")

    assert "Département d’Exemple" in content
    assert "Directeur de la publication" in content
    assert "Claude Martin" in content
    assert "Hébergeur Exemple" in content


@pytest.mark.django_db
def test_personal_data_page_links_profile(client, legal_site):
    content = legal_page_content(client, "personal_data", "fr")

    assert "dpo@departement.example" in content
    assert 'href="/compte/profil/"' in content
    assert "CNIL" in content


@pytest.mark.django_db
def test_accessibility_statement_without_audit(client, legal_site):
    SiteSettings.objects.update(accessibility_audit_date=None, accessibility_rate=None)

    content = legal_page_content(client, "accessibility", "fr")

    assert "Aucun audit d’accessibilité n’a encore été réalisé." in content


@pytest.mark.django_db
def test_settings_text_is_escaped(client, legal_site):
    SiteSettings.objects.update(publisher_name="<script>alert(1)</script>")

    content = legal_page_content(client, "legal_notice", "fr")

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content
