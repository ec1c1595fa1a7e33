"""The pages of the four spaces lead somewhere: their own upcoming events,
the programme filtered on the space, and the Smart Store's actions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.groups import STORE_STAFF
from accounts.models import User
from events.models import EventPage
from home.models import Space, SpacePage


def space_page(space: str, language: str = "fr") -> SpacePage:
    return SpacePage.objects.get(locale__language_code=language, space=space)


def read(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(soup: BeautifulSoup) -> set[str]:
    section = soup.find("section", attrs={"aria-labelledby": "space-events-heading"})
    assert section is not None, "no events section"
    headings = section.select(".event-list h3")
    return {heading.get_text(strip=True) for heading in headings}


@pytest.mark.parametrize("space", [Space.ROOM, Space.CLASS])
def test_space_page_lists_its_own_upcoming_events(client, demo_site, space):
    page = space_page(space)
    upcoming = EventPage.objects.live().filter(
        locale=page.locale, end__gt=timezone.now()
    )
    own = [event.title for event in upcoming.filter(space=space).order_by("start")]
    others = {event.title for event in upcoming.exclude(space=space)}

    titles = listed_titles(read(client, page))

    assert titles == set(own[: SpacePage.EVENTS_SHOWN])
    assert not titles & others


def test_space_page_links_to_filtered_programme(client, demo_site):
    soup = read(client, space_page(Space.CLASS))

    section = soup.find("section", attrs={"aria-labelledby": "space-events-heading"})
    link = section.find("a", string=lambda text: text and "programme" in text)
    assert link["href"].endswith("?space=class")
    programme = client.get(link["href"])
    assert programme.status_code == 200


def test_space_page_in_english(client, demo_site):
    soup = read(client, space_page(Space.ROOM, "en"))

    heading = soup.find(id="space-events-heading").get_text(strip=True)
    assert heading.startswith("Coming up in the")
    for title in listed_titles(soup):
        assert EventPage.objects.filter(locale__language_code="en", title=title)


def test_room_without_events_says_so(client, demo_site):
    EventPage.objects.filter(space=Space.ROOM).update(space=Space.LAB)

    soup = read(client, space_page(Space.ROOM))

    assert "Rien n’est prévu ici pour le moment." in soup.get_text()


def test_store_page_offers_its_actions(client, demo_site):
    soup = read(client, space_page(Space.STORE))

    links = {link["href"] for link in soup.select("header .actions a")}
    assert reverse("store:reserve") in links
    assert reverse("store:help_new") in links
    assert reverse("store:desk") not in links


def test_store_staff_find_the_desk(client, demo_site):
    staff = User.objects.get(email="boutique@example.org")
    assert staff.groups.filter(name=STORE_STAFF).exists()
    client.force_login(staff)

    soup = read(client, space_page(Space.STORE))

    links = {link["href"] for link in soup.select("header .actions a")}
    assert reverse("store:desk") in links
    assert reverse("store:mine") in links


def test_agent_does_not_see_the_desk(client, demo_site):
    agent = User.objects.get(email="agent@example.org")
    assert not agent.groups.filter(name=STORE_STAFF).exists()
    assert Group.objects.filter(name=STORE_STAFF).exists()
    client.force_login(agent)

    soup = read(client, space_page(Space.STORE))

    links = {link["href"] for link in soup.select("header .actions a")}
    assert reverse("store:desk") not in links
    assert reverse("store:mine") in links
