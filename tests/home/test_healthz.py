"""The health check reports each dependency and fails with 503.

tests/ops/test_healthz_recovery.py takes real Redis and PostgreSQL servers
away from a running worker; these tests cover the responses themselves.
"""

import asyncio

import pytest
from django.db import OperationalError

from home import views


@pytest.mark.django_db(transaction=True)
def test_healthz_all_checks_ok(client):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"] == {
        "database": {"status": "ok"},
        "channel_layer": {"status": "ok"},
        "cache": {"status": "ok"},
    }


@pytest.mark.django_db(transaction=True)
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_channel_layer_failure_returns_503(client, monkeypatch):
    monkeypatch.setattr(views, "get_channel_layer", lambda: None)

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["channel_layer"]["status"] == "error"
    assert body["checks"]["channel_layer"]["error"] == "RuntimeError"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_database_failure_returns_503(client, monkeypatch):
    def fail():
        raise OperationalError("could not connect to server at 10.0.0.7")

    monkeypatch.setattr(views, "_check_database", fail)

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
        "reason": "The database did not answer SELECT 1.",
    }
    assert body["checks"]["channel_layer"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_hides_error_messages(client, monkeypatch):
    def fail():
        raise OperationalError("password authentication failed for user smartcorner")

    monkeypatch.setattr(views, "_check_database", fail)

    response = client.get("/healthz")

    assert b"smartcorner" not in response.content
    assert b"password" not in response.content


@pytest.mark.django_db(transaction=True)
def test_healthz_cache_failure_returns_503(client, monkeypatch):
    def fail():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(views, "_check_cache", fail)

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_stuck_check_times_out(client, monkeypatch):
    async def hang():
        await asyncio.sleep(60)

    monkeypatch.setattr(views, "HEALTH_CHECK_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setitem(views.HEALTH_CHECKS, "channel_layer", (hang, "stuck"))

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["channel_layer"]["error"] == "TimeoutError"
    assert "0.2 s" in body["checks"]["channel_layer"]["reason"]
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_database_check_recovers(client, monkeypatch):
    calls = []
    check_database = views._check_database

    def fail_once():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        check_database()

    monkeypatch.setattr(views, "_check_database", fail_once)

    first = client.get("/healthz")
    second = client.get("/healthz")

    assert first.status_code == 503
    assert second.status_code == 200
