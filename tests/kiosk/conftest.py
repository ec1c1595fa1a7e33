"""Fixtures of the kiosk tests: a screen, resources and events in two languages."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventIndexPage, MasterclassPage
from kiosk.models import Screen
from tests.resources.conftest import (  # noqa: F401 - fixtures used by the tests
    add_resource,
    english,
    french,
    resource_index,
    security,
    translate,
)

SCREEN_TOKEN = "test-screen-token-0123456789"


@pytest.fixture
def screen(db) -> Screen:
    return Screen.objects.create(
        name="Borne test", place="Smart Room", token=SCREEN_TOKEN
    )


@pytest.fixture
def kiosk_url():
    def build(path: str = "") -> str:
        return f"/kiosk/{SCREEN_TOKEN}/{path}"

    return build


@pytest.fixture
def programme(resource_index) -> EventIndexPage:  # noqa: F811
    home = resource_index.get_parent()
    index = EventIndexPage(title="Programme", slug="programme")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_event(programme, title, start, minutes=90) -> MasterclassPage:
    page = MasterclassPage(
        title=title,
        topic="Agenda partagé",
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        room="Salle 114",
    )
    programme.add_child(instance=page)
    page.save_revision().publish()
    return MasterclassPage.objects.get(pk=page.pk)


def later_today(hours: int = 1) -> datetime.datetime:
    """A time later today when possible, else in a few minutes."""
    now = timezone.localtime()
    candidate = now + datetime.timedelta(hours=hours)
    if candidate.date() != now.date():
        candidate = now + datetime.timedelta(minutes=1)
    return candidate
