"""The programme's cached head and results change with the events they show."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage, Quarter
from events.programme import normalize_page_number

from .conftest import add_masterclass

HTMX = {"HTTP_HX_REQUEST": "true"}


def render(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def soon(days: int = 3) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def published_masterclass(programme, title, start, venue=None):
    page = add_masterclass(
        programme, title, start, start + datetime.timedelta(hours=2), venue
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_results_are_served_from_cache(client, programme):
    event = published_masterclass(programme, "Masterclass tableur", soon())
    render(client, programme.url)

    # A direct update sends no signal, so only the cache explains the old title.
    EventPage.objects.filter(pk=event.pk).update(title="Titre changé en base")
    page = render(client, programme.url)

    assert "Masterclass tableur" in page
    assert "Titre changé en base" not in page


@pytest.mark.django_db
def test_published_event_shows_at_once(client, programme):
    render(client, programme.url)

    published_masterclass(programme, "Masterclass tableur", soon())
    page = render(client, programme.url)

    assert "Masterclass tableur" in page


@pytest.mark.django_db
def test_unpublished_event_leaves_at_once(client, programme):
    event = published_masterclass(programme, "Masterclass tableur", soon())
    render(client, programme.url)

    event.unpublish()
    page = render(client, programme.url)

    assert "Masterclass tableur" not in page


@pytest.mark.django_db
def test_cancelled_event_shows_its_status(client, programme):
    event = published_masterclass(programme, "Masterclass tableur", soon())
    render(client, programme.url)

    event.status = "cancelled"
    event.save_revision().publish()
    page = render(client, programme.url)

    assert "event-card--cancelled" in page


@pytest.mark.django_db
def test_event_added_without_publishing_shows(client, programme):
    # An earlier event keeps the next end, so only the page's save can
    # change the key.
    published_masterclass(programme, "Masterclass tableur", soon(1))
    render(client, programme.url)

    add_masterclass(programme, "Masterclass créée en code", soon(5), soon(6))
    page = render(client, programme.url)

    assert "Masterclass créée en code" in page


@pytest.mark.django_db
def test_ended_event_moves_to_archive(client, programme):
    event = published_masterclass(programme, "Masterclass tableur", soon())
    archive_url = programme.url + "archives/"
    render(client, programme.url)
    render(client, archive_url)

    # The end passes without any signal, as it does when time goes by.
    past = timezone.now() - datetime.timedelta(hours=1)
    EventPage.objects.filter(pk=event.pk).update(
        start=past - datetime.timedelta(hours=1), end=past
    )
    upcoming = render(client, programme.url)
    archive = render(client, archive_url)

    assert "Masterclass tableur" not in upcoming
    assert "Masterclass tableur" in archive


@pytest.mark.django_db
def test_venue_rename_updates_filters(client, programme, venue):
    published_masterclass(programme, "Masterclass tableur", soon(), venue)
    render(client, programme.url)

    venue.name = "Maison du Département d’Arras"
    venue.save()
    page = render(client, programme.url)

    assert "Maison du Département d’Arras" in page


@pytest.mark.django_db
def test_new_quarter_updates_filters(client, programme):
    event = published_masterclass(programme, "Masterclass tableur", soon())
    render(client, programme.url)

    quarter = Quarter.objects.create(year=2031, number=2, theme="Données")
    EventPage.objects.filter(pk=event.pk).update(quarter=quarter)
    page = render(client, programme.url)

    assert "T2 2031" in page


@pytest.mark.django_db
def test_head_follows_sign_in(client, programme, make_user):
    my_programme = f'href="{reverse("events:my_programme")}"'
    anonymous = render(client, programme.url)

    client.force_login(make_user())
    signed_in = render(client, programme.url)

    assert my_programme not in anonymous
    assert my_programme in signed_in


@pytest.mark.django_db
def test_each_language_gets_its_own_fragments(client, english_programme):
    french_url = english_programme.get_translation(
        english_programme.locale.get_default()
    ).url
    french = render(client, french_url)

    english = render(client, english_programme.url)

    assert "Upcoming events" in english
    assert "Upcoming events" not in french
    assert "Month calendar" not in french


@pytest.mark.django_db
def test_filter_errors_are_not_cached(client, programme):
    bad = client.get(programme.url + "?kind=unknown")
    assert bad.status_code == 400

    good = client.get(programme.url)

    assert good.status_code == 200
    assert 'role="alert"' not in good.content.decode()


@pytest.mark.django_db
def test_htmx_results_follow_filters(client, programme, venue):
    published_masterclass(programme, "Masterclass tableur", soon(), venue)
    render(client, programme.url)

    page = client.get(programme.url + "?kind=digital_cafe", **HTMX)

    assert page.status_code == 200
    assert "Masterclass tableur" not in page.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"), [("", "1"), ("3", "3"), ("03", "3"), ("abc", "1")]
)
def test_archive_page_number_normalized(value, expected):
    assert normalize_page_number(value) == expected


class FailingCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    get_many = set = add = incr = get


@pytest.mark.django_db
def test_programme_renders_when_cache_fails(client, programme, monkeypatch):
    published_masterclass(programme, "Masterclass tableur", soon())
    monkeypatch.setattr("cms.cache_versions.cache", FailingCache())
    monkeypatch.setattr("home.templatetags.fragment_cache.cache", FailingCache())

    page = render(client, programme.url)

    assert "Masterclass tableur" in page
