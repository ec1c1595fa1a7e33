"""The health check reports each dependency and fails with 503."""

import pytest
from django.db import OperationalError

from home import views


@pytest.mark.django_db(transaction=True)
def test_healthz_all_checks_ok(client):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["channel_layer"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_channel_layer_failure_returns_503(client, monkeypatch):
    monkeypatch.setattr(views, "get_channel_layer", lambda: None)

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["channel_layer"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_database_failure_returns_503(client, monkeypatch):
    def fail():
        raise OperationalError("database is unreachable")

    monkeypatch.setattr(views, "_check_database", fail)

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
    }
    assert body["checks"]["channel_layer"]["status"] == "ok"
