"""Breadcrumbs: a Wagtail page shows its ancestors, and a page served by a
view shows home, then its space or the programme, then itself."""

from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from accounts.models import User
from events.models import EventIndexPage, EventPage
from home.models import Space, SpacePage
from store.models import HelpRequest

AGENT_EMAIL = "agent@example.org"
STORE_STAFF_EMAIL = "boutique@example.org"


class ViewPage(NamedTuple):
    """A page served by a view, who may open it and what its trail shows."""

    email: str
    url_name: str
    parent: str
    french: str
    english: str


VIEW_PAGES = [
    ViewPage(
        AGENT_EMAIL,
        "store:reserve",
        Space.STORE,
        "Réserver du matériel",
        "Reserve equipment",
    ),
    ViewPage(
        AGENT_EMAIL,
        "store:mine",
        Space.STORE,
        "Mes réservations et demandes",
        "My reservations and requests",
    ),
    ViewPage(
        AGENT_EMAIL,
        "store:help_new",
        Space.STORE,
        "Demander de l’aide",
        "Ask for help",
    ),
    ViewPage(
        STORE_STAFF_EMAIL,
        "store:desk",
        Space.STORE,
        "Comptoir du Smart Store",
        "Store desk",
    ),
    ViewPage(
        AGENT_EMAIL,
        "events:my_programme",
        "programme",
        "Mon programme",
        "My programme",
    ),
]


def parent_page(parent: str, language: str):
    if parent == "programme":
        pages = EventIndexPage.objects.all()
    else:
        pages = SpacePage.objects.filter(space=parent)
    return pages.live().get(locale__language_code=language)


def read_trail(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    trail = page.find("nav", class_="breadcrumbs")
    assert trail is not None, "no breadcrumbs"
    return trail


@pytest.mark.parametrize("view", VIEW_PAGES, ids=lambda view: view.url_name)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_view_page_shows_its_trail(client, demo_site, view, language):
    client.force_login(User.objects.get(email=view.email))
    with translation.override(language):
        url = reverse(view.url_name)
        home = demo_site.root_page.get_translation(
            Locale.objects.get(language_code=language)
        ).url
    above = parent_page(view.parent, language)

    trail = read_trail(client, url)

    links = [(link.get_text(strip=True), link["href"]) for link in trail.find_all("a")]
    home_title = "Accueil" if language == "fr" else "Home"
    assert links == [(home_title, home), (above.title, above.url)]
    current = trail.find(attrs={"aria-current": "page"})
    expected = view.french if language == "fr" else view.english
    assert current.get_text(strip=True) == expected


@pytest.mark.parametrize("language", ["fr", "en"])
def test_wagtail_page_trail_lists_ancestors(client, demo_site, language):
    event = EventPage.objects.live().filter(locale__language_code=language).first()
    above = [page for page in event.get_ancestors() if page.depth > 1]
    assert len(above) >= 2

    trail = read_trail(client, event.url)

    links = [(link.get_text(strip=True), link["href"]) for link in trail.find_all("a")]
    home_title = "Accueil" if language == "fr" else "Home"
    assert links[0] == (home_title, above[0].url)
    assert links[1:] == [(page.title, page.url) for page in above[1:]]
    current = trail.find(attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == event.title


def test_help_request_trail_names_its_reference(client, demo_site):
    agent = User.objects.get(email=AGENT_EMAIL)
    help_request = HelpRequest.objects.create(
        requester=agent, kind="getting_started", description="Partager un agenda"
    )
    client.force_login(agent)

    trail = read_trail(client, reverse("store:help_detail", args=[help_request.pk]))

    current = trail.find(attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == f"Demande d’aide {help_request.reference}"
    store = parent_page(Space.STORE, "fr")
    assert [link["href"] for link in trail.find_all("a")][-1] == store.url


def test_trail_skips_missing_space_page(client, demo_site):
    SpacePage.objects.filter(space=Space.STORE).update(live=False)
    client.force_login(User.objects.get(email=AGENT_EMAIL))

    trail = read_trail(client, reverse("store:mine"))

    assert [link.get_text(strip=True) for link in trail.find_all("a")] == ["Accueil"]


def test_trail_rejects_unknown_parent(rf, demo_site):
    template = Template('{% load trail %}{% trail "Page" parent="nowhere" %}')

    with pytest.raises(TemplateSyntaxError, match="nowhere"):
        template.render(Context({"request": rf.get("/")}))
