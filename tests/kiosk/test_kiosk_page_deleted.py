"""Deleting a live event or resource raises the kiosk content version, and
deleting another page leaves it alone."""

import pytest
from wagtail.models import Page

from kiosk import services
from tests.kiosk.conftest import add_event, later_today


@pytest.mark.django_db
def test_deleting_live_event_raises_version(programme):
    event = add_event(programme, "Agenda partagé", later_today())
    before = services.get_content_version()

    Page.objects.get(pk=event.pk).delete()

    assert services.get_content_version() == before + 1


@pytest.mark.django_db
def test_deleting_other_page_keeps_version(programme):
    before = services.get_content_version()

    programme.delete()

    assert services.get_content_version() == before
