"""The shared rate limiter answers 429 once a key is over its allowance."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import translation

from cms.ratelimit import RateLimitExceeded, hit, rate_limited


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@rate_limited("test_scope", limit=3, period=60)
def counted_view(request):
    return HttpResponse("ok")


def make_post(address="10.0.0.1"):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.htmx = False
    return request


@pytest.mark.django_db
def test_requests_over_the_limit_get_429_with_retry_after():
    statuses = [counted_view(make_post()).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = counted_view(make_post())
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "trop souvent" in refused.content.decode()


@pytest.mark.django_db
def test_refusal_message_in_english():
    for _ in range(3):
        counted_view(make_post())

    with translation.override("en"):
        refused = counted_view(make_post())

    assert "too often" in refused.content.decode()


@pytest.mark.django_db
def test_each_address_has_its_own_allowance():
    for _ in range(3):
        counted_view(make_post("10.0.0.1"))
    assert counted_view(make_post("10.0.0.1")).status_code == 429
    assert counted_view(make_post("10.0.0.2")).status_code == 200


def test_get_requests_are_not_counted():
    request = RequestFactory().get("/")
    statuses = {counted_view(request).status_code for _ in range(10)}
    assert statuses == {200}


@override_settings(RATE_LIMITS={"tuned": (1, 60)})
def test_settings_override_the_limit():
    hit("tuned", "user:1", limit=100, period=60)
    with pytest.raises(RateLimitExceeded):
        hit("tuned", "user:1", limit=100, period=60)
