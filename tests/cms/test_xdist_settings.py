"""Each pytest-xdist worker gets its own Redis database."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.test import redis_url_for_worker


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/0", "gw1", "redis://127.0.0.1:6379/2"),
        ("redis://127.0.0.1:6379", "gw0", "redis://127.0.0.1:6379/1"),
        (
            "redis://:secret@cache:6380/3?timeout=5",
            "gw2",
            "redis://:secret@cache:6380/6?timeout=5",
        ),
    ],
)
def test_worker_redis_database(url, worker, expected):
    assert redis_url_for_worker(url, worker) == expected


def test_worker_past_last_database_is_rejected():
    with pytest.raises(ImproperlyConfigured, match="gw15 needs Redis database 16"):
        redis_url_for_worker("redis://127.0.0.1:6379/0", "gw15")
