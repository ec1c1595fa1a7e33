"""Fixtures of the site-frame tests: the demo site and a small page tree."""

import pytest
from wagtail.models import Locale, Page, Site

from home.models import HomePage


@pytest.fixture
def demo_site(seeded_demo, db):
    """The full demo site that ``seed_demo`` builds, in French and English,
    seeded once per module (``tests.conftest.seeded_demo``)."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home_pages(db, english) -> tuple[HomePage, HomePage]:
    """A live French home page as the site root, and its live English copy."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil-test", locale=french)
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    home.save_revision().publish()
    english_home = home.copy_for_translation(english)
    english_home.title = "Home"
    english_home.save_revision().publish()
    return home, HomePage.objects.get(pk=english_home.pk)
