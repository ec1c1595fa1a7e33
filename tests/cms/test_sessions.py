"""Sessions are read from the cache and kept in the database."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User


@pytest.fixture
def member(db):
    return User.objects.create_user(
        email="camille.session@example.org", password="correct horse battery"
    )


def session_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if "django_session" in q["sql"]]


@pytest.mark.django_db
def test_signed_in_request_reads_no_session_row(member):
    client = Client()
    client.force_login(member)

    response, queries = session_queries(client, reverse("accounts:profile"))

    assert response.status_code == 200
    assert response.context["user"] == member
    assert queries == []


@pytest.mark.django_db
def test_session_survives_a_cleared_cache(member):
    client = Client()
    client.force_login(member)
    cache.clear()

    response, queries = session_queries(client, reverse("accounts:profile"))

    assert response.status_code == 200
    assert response.context["user"] == member
    assert len(queries) == 1


@pytest.mark.django_db
def test_sign_out_ends_the_cached_session(member):
    client = Client()
    client.force_login(member)
    old_key = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))

    replay = Client()
    replay.cookies["sessionid"] = old_key
    response = replay.get(reverse("accounts:profile"))

    assert response.status_code == 302
