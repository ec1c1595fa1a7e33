"""The shared rate limiter answers 429 once a key is over its allowance."""

import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

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
    # The previous period still weighs on the next one: the wait can reach
    # two periods.
    assert 1 <= int(refused["Retry-After"]) <= 120
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


class Clock:
    """Stands in for ``time.time`` in cms.ratelimit."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(now=6_000.0)
    monkeypatch.setattr("cms.ratelimit.time.time", fake)
    return fake


def allowed(scope="window", limit=3, period=60) -> bool:
    try:
        hit(scope, "user:1", limit=limit, period=period)
    except RateLimitExceeded:
        return False
    return True


def test_ratelimit_burst_across_period_turn_rejected(clock):
    # A fixed window would start a new count at 6,060 and allow 3 more.
    clock.now = 6_059.0
    assert [allowed() for _ in range(3)] == [True, True, True]
    clock.now = 6_061.0
    assert allowed() is False


def test_ratelimit_previous_period_weight_decays(clock):
    clock.now = 6_030.0
    for _ in range(3):
        allowed()
    # At 6,075 the window covers 45 of the previous 60 seconds: 3 × 0.75.
    clock.now = 6_075.0
    assert allowed() is False
    # At 6,081 it covers 39 seconds: 3 × 0.65 + 1 is under 3.
    clock.now = 6_081.0
    assert allowed() is True


def test_ratelimit_rejected_attempts_not_counted(clock):
    for _ in range(3):
        allowed()
    with pytest.raises(RateLimitExceeded) as first:
        hit("window", "user:1", limit=3, period=60)
    for _ in range(20):
        allowed()

    clock.now += first.value.retry_after
    assert allowed() is True


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=6),
    period=st.sampled_from([10, 60, 3600]),
    steps=st.lists(st.floats(min_value=0, max_value=2, allow_nan=False), max_size=25),
)
def test_retry_after_is_the_first_whole_second_allowed(limit, period, steps):
    """Once refused, waiting Retry-After seconds is enough, and one second
    less is not."""
    history = []
    now = 50_000.0
    refusal = None
    for step in steps:
        now += step * period / 4
        history.append(now)
        refusal = replay(history, limit, period)
        if refusal is not None:
            break
    if refusal is None:
        return
    retry_after = refusal.retry_after
    assert replay([*history, now + retry_after], limit, period) is None
    if retry_after > 1:
        assert replay([*history, now + retry_after - 1], limit, period) is not None


def replay(times, limit, period):
    """Act at each of ``times`` with an empty cache; return the last refusal."""
    cache.clear()
    refusal = None
    original = time.time
    try:
        for moment in times:
            time.time = lambda moment=moment: moment
            try:
                hit("replay", "user:1", limit=limit, period=period)
                refusal = None
            except RateLimitExceeded as error:
                refusal = error
    finally:
        time.time = original
    return refusal


@pytest.mark.parametrize(
    ("retry_after", "french", "english"),
    [
        (1, "réessayer dans 1\u00a0seconde.", "try again in 1 second."),
        (90, "réessayer dans 90\u00a0secondes.", "try again in 90 seconds."),
        (121, "réessayer dans 3\u00a0minutes.", "try again in 3 minutes."),
        (5400, "réessayer dans 90\u00a0minutes.", "try again in 90 minutes."),
    ],
)
def test_wait_message_units(retry_after, french, english):
    error = RateLimitExceeded(scope="team_request", retry_after=retry_after)

    with translation.override("fr"):
        assert str(error).endswith(french)
    with translation.override("en"):
        assert str(error).endswith(english)
