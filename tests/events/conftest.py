"""Fixtures of the event tests: a bilingual programme and a venue."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from events.models import EventIndexPage, MasterclassPage, Venue
from home.models import HomePage

PARIS = timezone.get_default_timezone()


def paris_time(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Start each test with unused rate limits: counters live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def programme(db, english) -> EventIndexPage:
    """A live French programme under a home page that is the site root."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    home = HomePage(title="Accueil", slug="accueil-evenements", locale=french)
    # A transactional test flushes the root page that Wagtail's migrations made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=french)
    )
    root.add_child(instance=home)
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


@pytest.fixture
def make_user(db):
    """Return a function that creates an active user of the given kind."""
    from accounts.models import User

    counter = {"value": 0}

    def create(kind="agent", **fields):
        counter["value"] += 1
        email = fields.pop("email", f"{kind}{counter['value']}@example.org")
        return User.objects.create_user(
            email=email,
            password="test-password-123",
            kind=kind,
            first_name=fields.pop("first_name", "Camille"),
            last_name=fields.pop("last_name", f"Test{counter['value']}"),
            **fields,
        )

    return create


@pytest.fixture
def open_event(programme, venue):
    """A live masterclass in five days, open to external guests, 2 seats."""
    start = timezone.now() + datetime.timedelta(days=5)
    page = add_masterclass(
        programme, "Agenda partagé", start, start + datetime.timedelta(hours=2), venue
    )
    page.capacity = 2
    page.audience = "open"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def staff_event(programme, venue):
    """A live staff-only masterclass in five days with 10 seats."""
    start = timezone.now() + datetime.timedelta(days=5)
    page = add_masterclass(
        programme, "Tableurs", start, start + datetime.timedelta(hours=2), venue
    )
    page.capacity = 10
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager that runs on-commit callbacks at its exit.

    Tests run inside one transaction that never commits, so e-mails queued
    "after commit" leave only through this.
    """

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
