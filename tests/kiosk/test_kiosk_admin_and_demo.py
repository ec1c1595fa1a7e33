"""Staff see screens' heartbeats (the admin is in French); the demo screen;
usage counts per period."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from kiosk.demo import DEMO_SCREEN_TOKEN
from kiosk.indicators import count_kiosk_usage
from kiosk.models import KioskSession, Screen, ShortLink, ShortLinkHit


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(
        email="admin@example.org", password="x"
    )
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_lists_heartbeat_version_and_memory(admin_client, screen):
    Screen.objects.filter(pk=screen.pk).update(
        last_heartbeat_at=timezone.now(),
        reported_version="kiosk-9.9.9",
        js_heap_used_bytes=12_500_000,
        dom_node_count=777,
    )

    response = admin_client.get("/admin/snippets/kiosk/screen/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "kiosk-9.9.9" in html
    assert "12.5 MB" in html
    assert "777" in html
    assert "En service" in html


@pytest.mark.django_db
def test_admin_flags_silent_screen(admin_client, screen):
    response = admin_client.get("/admin/snippets/kiosk/screen/")

    assert "Aucun signal récent" in response.content.decode()


@pytest.mark.django_db
def test_seed_demo_creates_demo_screen_once():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    screens = Screen.objects.filter(token=DEMO_SCREEN_TOKEN)
    assert screens.count() == 1
    assert screens.get().is_active


@pytest.mark.django_db
def test_usage_counted_per_period(screen):
    link = ShortLink.objects.create(
        code="abcdefg", target_url="https://example.org/", target_hash="h"
    )
    KioskSession.objects.create(screen=screen)
    KioskSession.objects.create(screen=screen)
    ShortLinkHit.objects.create(link=link)
    now = timezone.now()

    usage = count_kiosk_usage(
        now - datetime.timedelta(days=1), now + datetime.timedelta(days=1)
    )
    before = count_kiosk_usage(
        now - datetime.timedelta(days=10), now - datetime.timedelta(days=5)
    )

    assert usage.sessions == 2
    assert usage.qr_scans == 1
    assert before.sessions == 0
    assert before.qr_scans == 0
