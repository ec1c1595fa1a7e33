"""Background calls of screens: heartbeats, sessions, the content state."""

import json

import pytest

from kiosk.models import KioskSession, Screen


def post_json(client, url, payload):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post(url, body, content_type="application/json")


VALID = {
    "version": "kiosk-1.0.0",
    "uptime_seconds": 3600,
    "memory": {
        "js_heap_used_bytes": 12_500_000,
        "js_heap_limit_bytes": 4_000_000_000,
        "dom_node_count": 812,
    },
}


@pytest.mark.django_db
def test_heartbeat_recorded(client, screen, kiosk_url):
    response = post_json(client, kiosk_url("heartbeat/"), VALID)

    screen.refresh_from_db()
    assert response.status_code == 200
    assert screen.last_heartbeat_at is not None
    assert screen.reported_version == "kiosk-1.0.0"
    assert screen.js_heap_used_bytes == 12_500_000
    assert screen.dom_node_count == 812
    assert screen.uptime_seconds == 3600


@pytest.mark.django_db
def test_heartbeat_without_memory_recorded(client, screen, kiosk_url):
    response = post_json(client, kiosk_url("heartbeat/"), {"version": "v2"})

    screen.refresh_from_db()
    assert response.status_code == 200
    assert screen.reported_version == "v2"
    assert screen.js_heap_used_bytes is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"{not json", "heartbeat_not_json"),
        (b"\xff\xfe", "heartbeat_not_json"),
        ([1, 2], "heartbeat_not_object"),
        ({}, "heartbeat_invalid_field"),
        ({"version": ""}, "heartbeat_invalid_field"),
        ({"version": "x" * 41}, "heartbeat_invalid_field"),
        ({"version": 3}, "heartbeat_invalid_field"),
        ({"version": "kiosk\u0000"}, "heartbeat_invalid_field"),
        ({"version": "kiosk\ud800"}, "heartbeat_invalid_field"),
        ({"version": "kiosk\n1.0"}, "heartbeat_invalid_field"),
        ({"version": "v", "memory": "lots"}, "heartbeat_invalid_field"),
        ({"version": "v", "memory": {"dom_node_count": -1}}, "heartbeat_invalid_field"),
        (
            {"version": "v", "memory": {"dom_node_count": True}},
            "heartbeat_invalid_field",
        ),
        (
            {"version": "v", "memory": {"js_heap_used_bytes": 1.5}},
            "heartbeat_invalid_field",
        ),
        ({"version": "v", "uptime_seconds": "1h"}, "heartbeat_invalid_field"),
        (json.dumps({"version": "v", "pad": "x" * 3000}), "heartbeat_too_large"),
    ],
)
def test_malformed_heartbeat_rejected(client, screen, kiosk_url, payload, code):
    response = post_json(client, kiosk_url("heartbeat/"), payload)

    screen.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["error"]
    assert screen.last_heartbeat_at is None


@pytest.mark.django_db
def test_heartbeat_error_names_field(client, screen, kiosk_url):
    response = post_json(
        client,
        kiosk_url("heartbeat/"),
        {"version": "v", "memory": {"dom_node_count": -4}},
    )

    assert "dom_node_count" in response.json()["error"]


@pytest.mark.django_db
def test_heartbeat_unknown_screen_not_found(client, screen):
    response = post_json(client, "/kiosk/unknown/heartbeat/", VALID)

    assert response.status_code == 404


@pytest.mark.django_db
def test_heartbeat_get_not_allowed(client, screen, kiosk_url):
    response = client.get(kiosk_url("heartbeat/"))

    assert response.status_code == 405


@pytest.mark.django_db
def test_session_counted_without_personal_data(client, screen, kiosk_url):
    response = client.post(kiosk_url("sessions/"))

    session = KioskSession.objects.get()
    assert response.status_code == 201
    assert session.screen_id == screen.pk
    assert {field.name for field in KioskSession._meta.fields} == {
        "id",
        "screen",
        "started_at",
    }


@pytest.mark.django_db
def test_state_returns_content_version(client, screen, kiosk_url, resource_index):
    from tests.resources.conftest import add_resource

    before = client.get(kiosk_url("state/")).json()["version"]
    add_resource(resource_index, "Nouveau guide")

    after = client.get(kiosk_url("state/")).json()["version"]

    assert after > before


@pytest.mark.django_db
def test_unpublishing_raises_content_version(client, screen, kiosk_url, resource_index):
    from tests.resources.conftest import add_resource

    page = add_resource(resource_index, "À retirer")
    before = client.get(kiosk_url("state/")).json()["version"]

    page.unpublish()

    assert client.get(kiosk_url("state/")).json()["version"] > before


@pytest.mark.django_db
def test_unrelated_page_keeps_content_version(
    client, screen, kiosk_url, resource_index
):
    before = client.get(kiosk_url("state/")).json()["version"]

    resource_index.save_revision().publish()

    assert client.get(kiosk_url("state/")).json()["version"] == before


@pytest.mark.django_db
def test_inactive_screen_state_not_found(client, screen, kiosk_url):
    Screen.objects.filter(pk=screen.pk).update(is_active=False)

    assert client.get(kiosk_url("state/")).status_code == 404


@pytest.mark.django_db
def test_event_publication_raises_content_version(client, screen, kiosk_url, programme):
    import datetime

    from django.utils import timezone

    from tests.kiosk.conftest import add_event

    before = client.get(kiosk_url("state/")).json()["version"]

    add_event(programme, "Café numérique", timezone.now() + datetime.timedelta(days=1))

    assert client.get(kiosk_url("state/")).json()["version"] > before
