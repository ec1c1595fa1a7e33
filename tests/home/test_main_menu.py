"""The main menu marks the entry the visitor is in: the page itself, a page
below it, or a page that a view serves for its section."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from events.models import EventIndexPage, EventPage
from home.models import Space, SpacePage
from ideation.models import Idea
from tests.home.test_view_breadcrumbs import AGENT_EMAIL, VIEW_PAGES, parent_page


def marked_entries(client, url: str) -> list[tuple[str, str]]:
    """Return the (title, aria-current) of the menu entries marked on ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    menu = BeautifulSoup(response.content, "html.parser").find(id="main-nav-list")
    return [
        (link.get_text(strip=True), link["aria-current"])
        for link in menu.find_all("a", attrs={"aria-current": True})
    ]


@pytest.mark.parametrize("view", VIEW_PAGES, ids=lambda view: view.url_name)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_view_page_marks_its_section(client, demo_site, view, language):
    client.force_login(User.objects.get(email=view.email))
    with translation.override(language):
        url = reverse(view.url_name)

    marked = marked_entries(client, url)

    assert marked == [(parent_page(view.parent, language).title, "true")]


def test_space_page_marks_itself(client, demo_site):
    store = SpacePage.objects.live().get(space=Space.STORE, locale__language_code="fr")

    assert marked_entries(client, store.url) == [(store.title, "page")]


def test_event_page_marks_programme(client, demo_site):
    event = EventPage.objects.live().filter(locale__language_code="fr").first()
    programme = EventIndexPage.objects.live().get(locale__language_code="fr")

    assert marked_entries(client, event.url) == [(programme.title, "true")]


def test_idea_page_marks_smart_lab(client, demo_site):
    client.force_login(User.objects.get(email=AGENT_EMAIL))
    idea = Idea.objects.filter(is_hidden=False).order_by("pk").first()
    lab = SpacePage.objects.live().get(space=Space.LAB, locale__language_code="fr")

    marked = marked_entries(client, reverse("ideation:idea", args=[idea.pk]))

    assert marked == [(lab.title, "true")]


def test_profile_marks_no_entry(client, demo_site):
    client.force_login(User.objects.get(email=AGENT_EMAIL))

    assert marked_entries(client, reverse("accounts:profile")) == []
