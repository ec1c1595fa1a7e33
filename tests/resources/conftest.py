"""Fixtures of the resource tests: a bilingual resource index and themes."""

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from resources.models import ResourceIndexPage, ResourcePage, Theme


@pytest.fixture
def french(db) -> Locale:
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def resource_index(french, english) -> ResourceIndexPage:
    """A live French resource index under a home page that is the site root,
    with live English translations of both."""
    home = HomePage(title="Accueil", slug="accueil-ressources", locale=french)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    home.save_revision().publish()
    index = ResourceIndexPage(title="Ressources", slug="ressources")
    home.add_child(instance=index)
    index.save_revision().publish()
    english_home = home.copy_for_translation(english)
    english_home.save_revision().publish()
    english_index = index.copy_for_translation(english)
    english_index.title = "Resources"
    english_index.slug = "resources"
    english_index.save_revision().publish()
    return ResourceIndexPage.objects.get(pk=index.pk)


@pytest.fixture
def security(french, english) -> Theme:
    theme = Theme.objects.create(name="Sécurité", slug="securite", locale=french)
    translated = theme.copy_for_translation(english)
    translated.name = "Security"
    translated.save()
    return theme


@pytest.fixture
def office(french) -> Theme:
    return Theme.objects.create(name="Bureautique", slug="bureautique", locale=french)


def add_resource(index, title, *, themes=(), live=True, **fields) -> ResourcePage:
    """Add a resource below ``index`` and publish it unless ``live`` is False."""
    fields.setdefault("kind", "guide")
    page = ResourcePage(title=title, summary=f"Résumé de {title}", **fields)
    page.themes = list(themes)
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return ResourcePage.objects.get(pk=page.pk)


def translate(page, english, title) -> ResourcePage:
    translated = page.copy_for_translation(english)
    translated.title = title
    translated.save_revision().publish()
    return ResourcePage.objects.get(pk=translated.pk)
