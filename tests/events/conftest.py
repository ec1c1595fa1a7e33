"""Fixtures of the event tests: a bilingual programme and a venue."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from events.models import EventIndexPage, MasterclassPage, Venue
from home.models import HomePage

PARIS = timezone.get_default_timezone()


def paris_time(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def programme(db, english) -> EventIndexPage:
    """A live French programme under a home page that is the site root."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    home = HomePage(title="Accueil", slug="accueil-evenements", locale=french)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    index = EventIndexPage(title="Programme", slug="programme")
    home.add_child(instance=index)
    return index


@pytest.fixture
def english_programme(programme, english) -> EventIndexPage:
    """The live English translation of the programme and of its home page."""
    home = programme.get_parent().specific
    english_home = home.copy_for_translation(english)
    english_home.title = "Home"
    english_home.save_revision().publish()
    english_index = programme.copy_for_translation(english)
    english_index.title = "Programme"
    english_index.save_revision().publish()
    return EventIndexPage.objects.get(pk=english_index.pk)


@pytest.fixture
def venue(db) -> Venue:
    return Venue.objects.create(
        name="Hôtel du Département", address="1 place du Département", is_main_site=True
    )


def add_masterclass(parent, title, start, end, venue=None, *, live=True):
    page = MasterclassPage(
        title=title,
        topic="Agenda partagé",
        start=start,
        end=end,
        venue=venue,
        room="Salle 114",
        live=live,
    )
    parent.add_child(instance=page)
    return page
