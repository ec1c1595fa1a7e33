"""Fixtures of the Smart Lab tests: people, a board page and its ideas."""

import uuid

import pytest
import pytest_asyncio
from channels.layers import channel_layers
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale, Page, Site

from accounts.models import User, UserKind
from ideation import services
from ideation.models import Audience, ChallengePage, IdeaBoardPage
from ideation.realtime.hub import running_hub

PASSWORD = "correct horse battery staple"
HTMX = {"HTTP_HX_REQUEST": "true"}


def make_user(first_name: str, last_name: str) -> User:
    return User.objects.create_user(
        email=f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.org",
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Start each test with unused rate limits: counters live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent(db):
    return make_user("Ada", "Martin")


@pytest.fixture
def other_agent(db):
    return make_user("Bruno", "Durand")


@pytest.fixture
def agent_client(agent):
    client = Client()
    client.force_login(agent)
    return client


@pytest.fixture
def anonymous_client(db):
    return Client()


@pytest.fixture
def csrf_client(agent):
    """A signed-in client that, like a browser, must send the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    return client


@pytest.fixture
def site_root(db):
    """The default site's root page, recreated when a transactional test
    flushed the rows that Wagtail's migrations created."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page
    locale, _created = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=Page(title="Accueil", slug="accueil", locale=locale))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def board(site_root):
    """A live board page under the default site's root page, in French."""
    page = IdeaBoardPage(
        title="Tableau des idées",
        slug=f"tableau-{uuid.uuid4().hex[:8]}",
        intro="Proposez vos idées pour le Smart Corner.",
        locale=site_root.locale,
    )
    site_root.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def english_board(board):
    """The English translation of ``board``, published."""
    locale, _created = Locale.objects.get_or_create(language_code="en")
    translation = board.copy_for_translation(locale, copy_parents=True)
    translation.title = "Ideas board"
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def closed_board(board):
    board.accepts_ideas = False
    board.save_revision().publish()
    board.refresh_from_db()
    return board


@pytest.fixture
def idea(agent, board):
    return services.post_idea(
        agent, board, "Un atelier impression 3D", "Chaque mardi.\nOuvert à tous."
    )


@pytest.fixture
def partner_idea(agent, partner_challenge):
    """An idea on a challenge open to partners, which signed-out visitors read."""
    return services.post_idea(
        agent, partner_challenge, "Un guichet numérique partagé", "Avec les communes."
    )


@pytest_asyncio.fixture
async def fresh_channel_layers():
    """Give the test its own channel layer instance, bound to its event loop.

    At the end, the loop's hub and the layer's connections are closed while
    the loop still runs, so that the loop's teardown has nothing left to
    cancel: a PostgreSQL and Redis run once hung there.
    """
    channel_layers.backends = {}
    yield
    hub = running_hub()
    if hub is not None:
        await hub.close()
    for layer in channel_layers.backends.values():
        close_pools = getattr(layer, "close_pools", None)
        if close_pools is not None:
            await close_pools()
    channel_layers.backends = {}


def make_partner(first_name: str = "Paula", last_name: str = "Partenaire") -> User:
    user = make_user(first_name, last_name)
    user.kind = UserKind.PARTNER
    user.organisation = "Commune de Saint-Exemple"
    user.save(update_fields=["kind", "organisation"])
    return user


@pytest.fixture
def partner(db):
    return make_partner()


@pytest.fixture
def partner_client(partner):
    client = Client()
    client.force_login(partner)
    return client


@pytest.fixture
def facilitator(db):
    return make_user("Fanny", "Animatrice")


@pytest.fixture
def facilitator_client(facilitator):
    client = Client()
    client.force_login(facilitator)
    return client


def make_challenge(parent, audience=Audience.STAFF, facilitators=(), **fields):
    page = ChallengePage(
        title=fields.pop("title", "Défi : accueil des usagers"),
        slug=f"defi-{uuid.uuid4().hex[:8]}",
        problem=fields.pop("problem", "Les usagers attendent trop longtemps."),
        audience=audience,
        locale=parent.locale,
        **fields,
    )
    parent.add_child(instance=page)
    for person in facilitators:
        page.facilitators.add(person)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def challenge(site_root, facilitator):
    """A staff-only challenge facilitated by ``facilitator``."""
    return make_challenge(site_root, Audience.STAFF, [facilitator])


@pytest.fixture
def premoderated_challenge(challenge):
    """``challenge`` with pre-moderation on, published: new ideas wait hidden
    until a facilitator publishes them."""
    challenge.premoderation = True
    challenge.save_revision().publish()
    return challenge


@pytest.fixture
def partner_challenge(site_root, facilitator):
    return make_challenge(
        site_root, Audience.PARTNERS, [facilitator], title="Défi ouvert"
    )


@pytest.fixture
def sent_messages(fresh_channel_layers):
    """Record every group_send of the channel layer, after commit callbacks."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    sent = []

    async def record(group, message):
        sent.append((group, message))

    layer.group_send = record
    # Every send then goes through the recorder, even with a running loop.
    layer.group_send_soon = lambda group, message: False
    return sent
