"""The home page's cached sections change as soon as their content does."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from accounts.models import User
from events.models import EventIndexPage, MasterclassPage
from home import caching
from home.models import HomePage
from home.templatetags import fragment_cache
from ideation import services
from ideation.models import IdeaBoardPage


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db) -> HomePage:
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
def board(home) -> IdeaBoardPage:
    page = IdeaBoardPage(title="Idées", slug="idees")
    home.add_child(instance=page)
    return page


@pytest.fixture
def programme(home) -> EventIndexPage:
    page = EventIndexPage(title="Programme", slug="programme")
    home.add_child(instance=page)
    return page


@pytest.fixture
def agent(db) -> User:
    return User.objects.create_user(email="ada@example.org", password="x" * 12)


@pytest.fixture
def other_agent(db) -> User:
    return User.objects.create_user(email="bruno@example.org", password="x" * 12)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def render_home(client: Client, home: HomePage) -> str:
    response = client.get(home.url)
    assert response.status_code == 200
    return response.content.decode()


def add_event(programme: EventIndexPage, title: str) -> MasterclassPage:
    start = timezone.now() + datetime.timedelta(days=2)
    page = MasterclassPage(
        title=title,
        topic="Agenda partagé",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    programme.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_vote_updates_cached_count(home, board, agent, other_agent):
    idea = services.post_idea(agent, board, title="Covoiturage", description="")
    # The general boards are internal: only staff see their ideas.
    client = signed_in(agent)
    before = render_home(client, home)

    services.set_vote(other_agent, idea.pk, True)
    after = render_home(client, home)

    assert "0 vote" in before
    assert "1 vote" in after


def test_new_idea_shows_at_once(home, board, agent, other_agent):
    client = signed_in(other_agent)
    render_home(client, home)

    services.post_idea(agent, board, title="Salle de sieste", description="")
    page = render_home(client, home)

    assert "Salle de sieste" in page


def test_published_event_shows_at_once(home, programme):
    client = Client()
    render_home(client, home)

    event = add_event(programme, "Masterclass tableur")
    shown = render_home(client, home)
    event.unpublish()
    hidden = render_home(client, home)

    assert "Masterclass tableur" in shown
    assert "Masterclass tableur" not in hidden


def test_ideas_fragment_kept_per_person(home, board, agent, other_agent, monkeypatch):
    services.post_idea(agent, board, title="Idée d’Ada", description="")
    services.post_idea(other_agent, board, title="Idée de Bruno", description="")
    latest_ideas_for = services.get_latest_ideas_for

    def own_ideas_only(user, limit=4):
        # A visibility rule that depends on the person, to prove that one
        # person's fragment is never served to another.
        return [
            idea for idea in latest_ideas_for(user, limit=limit) if idea.author == user
        ]

    monkeypatch.setattr(services, "get_latest_ideas_for", own_ideas_only)

    ada_page = render_home(signed_in(agent), home)
    bruno_page = render_home(signed_in(other_agent), home)

    assert "Idée d’Ada" in ada_page
    assert "Idée de Bruno" not in ada_page
    assert "Idée de Bruno" in bruno_page
    assert "Idée d’Ada" not in bruno_page


class FailingCache:
    """A cache whose server is down."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

        return fail


def test_sections_render_when_cache_fails(home, board, agent, monkeypatch):
    # Only the fragments' cache fails: Wagtail's own use of the cache (site
    # root paths) still fails the whole page when Redis is down.
    services.post_idea(agent, board, title="Jardin partagé", description="")
    monkeypatch.setattr(caching, "cache", FailingCache())
    monkeypatch.setattr(fragment_cache, "cache", FailingCache())

    page = render_home(signed_in(agent), home)

    assert "Jardin partagé" in page
    assert 'id="events-heading"' in page


def test_failed_cache_disables_versions(db, monkeypatch):
    monkeypatch.setattr(caching, "cache", FailingCache())

    assert caching.get_pages_version() is None


def test_pages_version_restarts_unused(db):
    first = caching.get_pages_version()
    cache.delete(caching.PAGES_VERSION_KEY)

    second = caching.get_pages_version()

    assert second != first
    assert second is not None


def test_page_publish_bumps_version(home, programme):
    before = caching.get_pages_version()

    add_event(programme, "Café numérique")

    assert caching.get_pages_version() != before


def restrict_to_group(page: Page, group: Group | None = None) -> PageViewRestriction:
    """Restrict ``page`` to ``group``, or to superusers only without a group."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


def test_new_view_restriction_hides_ideas_at_once(home, board, agent):
    services.post_idea(agent, board, title="Idée à restreindre", description="")
    client = signed_in(agent)
    before = render_home(client, home)

    restrict_to_group(board)
    after = render_home(client, home)

    assert "Idée à restreindre" in before
    assert "Idée à restreindre" not in after


def test_restriction_on_ancestor_hides_ideas(home, agent):
    section = home.add_child(instance=Page(title="Rubrique", slug="rubrique"))
    board = section.add_child(instance=IdeaBoardPage(title="Idées", slug="idees"))
    services.post_idea(agent, board, title="Idée de la rubrique", description="")
    client = signed_in(agent)
    before = render_home(client, home)

    restrict_to_group(section)
    after = render_home(client, home)

    assert "Idée de la rubrique" in before
    assert "Idée de la rubrique" not in after


def test_changed_view_restriction_applies_at_once(home, board, agent):
    services.post_idea(agent, board, title="Idée réservée", description="")
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.LOGIN
    )
    client = signed_in(agent)
    before = render_home(client, home)

    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    after = render_home(client, home)

    assert "Idée réservée" in before
    assert "Idée réservée" not in after


@pytest.fixture
def group(board, agent):
    """The group "Smart Lab", with an idea on ``board`` that the group
    restriction tests show or hide."""
    services.post_idea(agent, board, title="Idée du groupe", description="")
    return Group.objects.create(name="Smart Lab")


def test_restriction_group_added_applies_at_once(home, board, agent, group):
    agent.groups.add(group)
    restriction = restrict_to_group(board)
    client = signed_in(agent)
    before = render_home(client, home)

    restriction.groups.add(group)
    after = render_home(client, home)

    assert "Idée du groupe" not in before
    assert "Idée du groupe" in after


def test_restriction_group_removed_applies_at_once(home, board, agent, group):
    agent.groups.add(group)
    restriction = restrict_to_group(board, group)
    client = signed_in(agent)
    before = render_home(client, home)

    restriction.groups.remove(group)
    after = render_home(client, home)

    assert "Idée du groupe" in before
    assert "Idée du groupe" not in after


def test_restriction_added_from_group_side(home, board, agent, group):
    agent.groups.add(group)
    restriction = restrict_to_group(board)
    client = signed_in(agent)
    before = render_home(client, home)

    group.pageviewrestriction_set.add(restriction)
    after = render_home(client, home)

    assert "Idée du groupe" not in before
    assert "Idée du groupe" in after


def test_deleted_restriction_group_applies_at_once(home, board, agent, group):
    agent.groups.add(group)
    restrict_to_group(board, group)
    client = signed_in(agent)
    before = render_home(client, home)

    group.delete()
    after = render_home(client, home)

    assert "Idée du groupe" in before
    assert "Idée du groupe" not in after


def test_new_group_member_sees_ideas_at_once(home, board, agent, group):
    restrict_to_group(board, group)
    client = signed_in(agent)
    before = render_home(client, home)

    agent.groups.add(group)
    after = render_home(client, home)

    assert "Idée du groupe" not in before
    assert "Idée du groupe" in after


def test_group_member_added_from_group_side(home, board, agent, group):
    restrict_to_group(board, group)
    client = signed_in(agent)
    before = render_home(client, home)

    group.user_set.add(agent)
    after = render_home(client, home)

    assert "Idée du groupe" not in before
    assert "Idée du groupe" in after


def test_former_group_member_loses_ideas_at_once(home, board, agent, group):
    restrict_to_group(board, group)
    agent.groups.add(group)
    client = signed_in(agent)
    before = render_home(client, home)

    agent.groups.remove(group)
    after = render_home(client, home)

    assert "Idée du groupe" in before
    assert "Idée du groupe" not in after


def test_cleared_groups_hide_ideas_at_once(home, board, agent, group):
    restrict_to_group(board, group)
    agent.groups.add(group)
    client = signed_in(agent)
    before = render_home(client, home)

    agent.groups.clear()
    after = render_home(client, home)

    assert "Idée du groupe" in before
    assert "Idée du groupe" not in after


def test_group_member_bumps_again_on_commit(
    home, board, agent, django_capture_on_commit_callbacks
):
    """A request between the change and the commit may cache the old state."""
    group = Group.objects.create(name="Smart Lab")
    restrict_to_group(board, group)

    with django_capture_on_commit_callbacks() as callbacks:
        agent.groups.add(group)
    at_change = caching.get_pages_version()
    for callback in callbacks:
        callback()

    assert len(callbacks) == 1
    assert caching.get_pages_version() != at_change


def test_unrestricted_group_keeps_version(home, board, agent):
    restrict_to_group(board, Group.objects.create(name="Smart Lab"))
    other_group = Group.objects.create(name="Smart Store")
    before = caching.get_pages_version()

    agent.groups.add(other_group)
    other_group.delete()

    assert caching.get_pages_version() == before


def test_deleted_view_restriction_shows_ideas_at_once(home, board, agent):
    services.post_idea(agent, board, title="Idée libérée", description="")
    restriction = restrict_to_group(board)
    client = signed_in(agent)
    before = render_home(client, home)

    restriction.delete()
    after = render_home(client, home)

    assert "Idée libérée" not in before
    assert "Idée libérée" in after


def test_view_restriction_bumps_pages_version(home, board):
    before = caching.get_pages_version()

    restrict_to_group(board)

    assert caching.get_pages_version() != before
