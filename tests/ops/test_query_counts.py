"""Pages cost the same number of queries with 10 or 1,000 events and ideas.

Each test renders a page, adds 990 more events or ideas, renders it again,
and compares the two query counts; a failure prints the query log of the
second rendering. The home page is measured with its cached sections both
missed and hit.
"""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from accounts.models import User
from events.models import EventIndexPage, MasterclassPage, Venue
from home import caching
from home.models import HomePage
from ideation.models import Idea, IdeaBoardPage, Vote

FEW = 10
MANY = 1000


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with no cached fragment and no rate-limit counter."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db) -> HomePage:
    """A live French home page that is the default site's root."""
    french, _created = Locale.objects.get_or_create(language_code="fr")
    page = HomePage(title="Accueil", slug=f"accueil-{uuid.uuid4().hex[:6]}")
    page.locale = french
    Page.get_first_root_node().add_child(instance=page)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": page},
    )
    return page


@pytest.fixture
def programme(home) -> EventIndexPage:
    page = EventIndexPage(title="Programme", slug="programme")
    home.add_child(instance=page)
    return page


@pytest.fixture
def board(home) -> IdeaBoardPage:
    page = IdeaBoardPage(title="Idées", slug="idees")
    home.add_child(instance=page)
    return page


@pytest.fixture
def open_challenge(home):
    """A challenge open to partners: the only boards signed-out visitors read."""
    from ideation.models import Audience, ChallengePage

    page = ChallengePage(
        title="Défi ouvert",
        slug="defi-ouvert",
        problem="Un problème partagé avec les partenaires.",
        audience=Audience.PARTNERS,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user(email="ada@example.org", password="x" * 12)


def add_events(programme: EventIndexPage, count: int) -> None:
    venue, _created = Venue.objects.get_or_create(
        name="Hôtel du Département", defaults={"address": "1 place du Département"}
    )
    first = timezone.now() + datetime.timedelta(days=1)
    existing = programme.get_children().count()
    for index in range(existing, existing + count):
        start = first + datetime.timedelta(hours=index)
        programme.add_child(
            instance=MasterclassPage(
                title=f"Masterclass {index}",
                slug=f"masterclass-{index}",
                topic="Agenda partagé",
                start=start,
                end=start + datetime.timedelta(hours=1),
                venue=venue,
            )
        )
        programme.refresh_from_db()


def add_ideas(board: IdeaBoardPage, author: User, count: int) -> None:
    ideas = Idea.objects.bulk_create(
        Idea(
            board_key=board.translation_key,
            author=author,
            title=f"Idée {index}",
            description="Une description.",
            language="fr",
            vote_count=1,
        )
        for index in range(count)
    )
    # The author supports every other idea, so per-user state varies.
    Vote.objects.bulk_create(Vote(idea=idea, user=author) for idea in ideas[::2])


def count_queries(client: Client, url: str, **headers) -> tuple[int, list[str]]:
    """Return the number of queries and their SQL for one GET of url.

    A first GET warms the per-process caches (content types, site root
    paths), which would otherwise count against the first measurement only.
    """
    client.get(url, headers=headers)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(context.captured_queries), [query["sql"] for query in context]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def query_log(label: str, queries: list[str]) -> str:
    return f"{label}:\n" + "\n".join(queries)


def measure_home(home, agent) -> dict[str, int]:
    return {
        viewer: count_queries(client, home.url)
        for viewer, client in (("anonymous", Client()), ("agent", signed_in(agent)))
    }


@pytest.fixture(params=["missed", "hit"])
def fragment_cache(request, monkeypatch) -> str:
    """Whether the home page's sections come from their cache or not."""
    if request.param == "missed":
        monkeypatch.setattr(caching, "get_pages_version", lambda: None)
    return request.param


@pytest.mark.usefixtures("fragment_cache")
def test_home_page_queries_constant(home, programme, board, agent):
    add_events(programme, FEW)
    add_ideas(board, agent, FEW)
    few = measure_home(home, agent)

    add_events(programme, MANY - FEW)
    add_ideas(board, agent, MANY - FEW)
    many = measure_home(home, agent)

    for viewer in ("anonymous", "agent"):
        assert many[viewer][0] == few[viewer][0], query_log(viewer, many[viewer][1])


def test_home_page_cache_saves_queries(home, programme, board, agent, monkeypatch):
    add_events(programme, FEW)
    add_ideas(board, agent, FEW)
    client = signed_in(agent)
    hit, _hit_log = count_queries(client, home.url)
    monkeypatch.setattr(caching, "get_pages_version", lambda: None)

    missed, _missed_log = count_queries(client, home.url)

    assert hit < missed


def test_programme_queries_constant(programme):
    client = Client()
    add_events(programme, FEW)
    few, _few_log = count_queries(client, programme.url)

    add_events(programme, MANY - FEW)
    many, many_log = count_queries(client, programme.url)

    assert many == few, query_log("with 1,000", many_log)


@pytest.mark.parametrize("viewer", ["anonymous", "agent"])
def test_board_queries_constant(board, open_challenge, agent, viewer):
    client = signed_in(agent) if viewer == "agent" else Client()
    target = board if viewer == "agent" else open_challenge
    add_ideas(target, agent, FEW)
    few, _few_log = count_queries(client, target.url)

    add_ideas(target, agent, MANY - FEW)
    many, many_log = count_queries(client, target.url)

    assert many == few, query_log("with 1,000", many_log)


def test_board_idea_list_queries_constant(board, agent):
    client = signed_in(agent)
    url = f"/lab/boards/{board.pk}/ideas/"
    add_ideas(board, agent, FEW)
    few, _few_log = count_queries(client, url, HX_Request="true")

    add_ideas(board, agent, MANY - FEW)
    many, many_log = count_queries(client, url, HX_Request="true")

    assert many == few, query_log("with 1,000", many_log)
