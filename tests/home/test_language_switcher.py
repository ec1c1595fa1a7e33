"""Language switcher: the same view, sub-route and filters in the other language."""

import html
import re

import pytest
from wagtail.models import Locale

from events.models import EventIndexPage
from store.models import ServiceCatalogPage, ServiceCategoryPage

from .test_pages import add_standard_page


def switcher_url(response, language: str) -> str:
    """Return the switcher's link to ``language`` on the page ``response``."""
    content = response.content.decode()
    nav = re.search(r'<nav [^>]*class="language-switcher".*?</nav>', content, re.S)
    assert nav, "the page has no language switcher"
    link = re.search(rf'<a href="([^"]*)" hreflang="{language}"', nav.group(0))
    assert link, f"the switcher has no link to {language}"
    return html.unescape(link.group(1))


def english_url_of(page) -> str:
    english = Locale.objects.get(language_code="en")
    return page.get_translation(english).get_url()


@pytest.mark.django_db
def test_switcher_keeps_programme_calendar(client, demo_site):
    programme = EventIndexPage.objects.get(locale__language_code="fr")

    response = client.get(f"{programme.get_url()}calendrier/?month=2026-03")

    assert response.status_code == 200
    expected = f"{english_url_of(programme)}calendrier/?month=2026-03"
    assert switcher_url(response, "en") == expected


@pytest.mark.django_db
def test_switcher_keeps_programme_filters(client, demo_site):
    programme = EventIndexPage.objects.get(locale__language_code="fr")

    response = client.get(f"{programme.get_url()}archives/?kind=masterclass")

    expected = f"{english_url_of(programme)}archives/?kind=masterclass"
    assert switcher_url(response, "en") == expected


@pytest.mark.django_db
def test_switcher_back_to_french_calendar(client, demo_site):
    programme = EventIndexPage.objects.get(locale__language_code="fr")

    response = client.get(f"{english_url_of(programme)}calendrier/")

    assert switcher_url(response, "fr") == f"{programme.get_url()}calendrier/"


@pytest.mark.django_db
def test_switcher_updated_by_htmx_filters(client, demo_site):
    programme = EventIndexPage.objects.get(locale__language_code="fr")

    response = client.get(
        f"{programme.get_url()}calendrier/",
        {"kind": "masterclass", "site": "", "month": "2026-03"},
        HTTP_HX_REQUEST="true",
    )

    content = response.content.decode()
    assert 'id="language-switcher"' in content
    assert 'hx-swap-oob="true"' in content
    expected = f"{english_url_of(programme)}calendrier/?kind=masterclass&month=2026-03"
    assert switcher_url(response, "en") == expected


@pytest.mark.django_db
def test_full_page_switcher_not_out_of_band(client, demo_site):
    programme = EventIndexPage.objects.get(locale__language_code="fr")

    content = client.get(programme.get_url()).content.decode()

    assert content.count('id="language-switcher"') == 1
    assert 'hx-swap-oob="true"' not in content


@pytest.mark.django_db
def test_switcher_translates_catalogue_category(client, demo_site):
    catalogue = ServiceCatalogPage.objects.get(locale__language_code="fr")
    category = ServiceCategoryPage.objects.child_of(catalogue).first()
    english = Locale.objects.get(language_code="en")
    english_category = category.get_translation(english)

    response = client.get(
        catalogue.get_url(), {"categorie": category.pk, "public": "managers"}
    )

    expected = (
        f"{english_url_of(catalogue)}?categorie={english_category.pk}&public=managers"
    )
    assert english_category.pk != category.pk
    assert switcher_url(response, "en") == expected


@pytest.mark.django_db
def test_switcher_drops_untranslated_category(client, demo_site):
    catalogue = ServiceCatalogPage.objects.get(locale__language_code="fr")
    category = ServiceCategoryPage(title="Catégorie sans traduction", slug="seule")
    catalogue.add_child(instance=category)
    category.save_revision().publish()

    response = client.get(catalogue.get_url(), {"categorie": category.pk, "q": "x"})

    assert switcher_url(response, "en") == f"{english_url_of(catalogue)}?q=x"


@pytest.mark.django_db
def test_fallback_home_drops_query(client, home_pages, english):
    french_home, english_home = home_pages
    untranslated = add_standard_page(french_home, "Actualités", "actualites")

    response = client.get(untranslated.get_url(), {"q": "x"})

    assert switcher_url(response, "en") == english_home.get_url()


@pytest.mark.django_db
def test_switcher_keeps_search_query(client, home_pages):
    response = client.get("/recherche/", {"q": "atelier"})

    assert switcher_url(response, "en") == "/en/recherche/?q=atelier"
