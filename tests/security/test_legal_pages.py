"""Legal pages show the facts kept in the site settings, in both languages."""

import datetime
import re

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
    assert "64\u00a0%" in content
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


@pytest.fixture
def demo_legal_site(legal_site):
    """The legal site with the demo texts and the demo legal facts."""
    from accounts.demo import LEGAL_FACTS
    from home.demo_content import LEGAL_PAGES

    for entry in LEGAL_PAGES:
        for language in ("fr", "en"):
            page = LegalPage.objects.get(
                kind=entry["kind"], locale__language_code=language
            )
            page.body = entry[language]["body"]
            page.save_revision().publish()
    SiteSettings.objects.update(
        **LEGAL_FACTS,
        accessibility_status=AccessibilityStatus.PARTIAL,
        contact_email="smartcorner@example.org",
        contact_phone="00 00 00 00 00",
    )
    return legal_site


def section_titles(content: str) -> list[str]:
    """Return the texts of the h2 and dt elements, without their markup."""
    titles = re.findall(r"<(?:h2|dt)\b[^>]*>(.*?)</(?:h2|dt)>", content, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", title).split()) for title in titles]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", LegalKind.values)
def test_demo_legal_page_sections_single(client, demo_legal_site, kind, language):
    titles = section_titles(legal_page_content(client, kind, language))

    duplicates = sorted({title for title in titles if titles.count(title) > 1})

    assert titles != []
    assert duplicates == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected_order"),
    [
        (
            "fr",
            [
                "État de conformité",
                "Contenus non accessibles",
                "Établissement de cette déclaration",
                "Retour d’information et contact",
                "Voies de recours",
            ],
        ),
        (
            "en",
            [
                "Compliance status",
                "Non-accessible content",
                "Preparation of this statement",
                "Feedback and contact",
                "Recourse",
            ],
        ),
    ],
)
def test_demo_accessibility_statement_order(
    client, demo_legal_site, language, expected_order
):
    titles = section_titles(legal_page_content(client, "accessibility", language))

    assert titles == expected_order


@pytest.mark.django_db
def test_demo_accessibility_statement_agrees_with_settings(client, demo_legal_site):
    content = legal_page_content(client, "accessibility", "fr")

    assert "partiellement conforme" in content
    assert "non conforme" not in content
    assert content.count("82\u00a0%") == 1


@pytest.mark.django_db
def test_demo_legal_notice_one_publisher_address(client, demo_legal_site):
    content = legal_page_content(client, "legal_notice", "fr")

    assert "1 place de la Préfecture" in content
    assert "Chef-Lieu" not in content
