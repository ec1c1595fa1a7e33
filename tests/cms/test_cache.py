"""With Redis unreachable, pages still render and the health check says so."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from cms.ratelimit import hit


def closed_port() -> int:
    """Return a port of 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_redis_cache():
    location = f"redis://127.0.0.1:{closed_port()}/0"
    settings = {
        "default": {"BACKEND": "cms.cache.ResilientRedisCache", "LOCATION": location}
    }
    with override_settings(CACHES=settings):
        caches["default"].close()
        yield caches["default"]
        caches["default"].close()


def test_unreachable_cache_reads_as_miss(unreachable_redis_cache):
    unreachable_redis_cache.set("key", "value")

    assert unreachable_redis_cache.get("key", "fallback") == "fallback"
    assert unreachable_redis_cache.add("key", 1) is False


def test_rate_limit_fails_open_without_redis(unreachable_redis_cache):
    for _ in range(5):
        hit("outage", "user:1", limit=2, period=60)

    assert unreachable_redis_cache.get("ratelimit:outage:user:1") is None


@pytest.mark.django_db
def test_pages_render_and_health_fails_without_redis(client, unreachable_redis_cache):
    page = client.get("/plan-du-site/")
    health = client.get("/healthz")

    assert page.status_code == 200
    assert health.status_code == 503
    assert health.json()["checks"]["cache"]["status"] == "error"
