"""The audit trail records who did what, and forgets people who are erased."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

import audit
from audit.models import AuditEvent


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user(
        email="audit-agent@example.org", password="not-used-here-123"
    )


def test_record_stores_event_fields(agent):
    event = audit.record("accounts.profile.changed", actor=agent, target=agent, x=1)

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.name == "accounts.profile.changed"
    assert stored.actor == agent
    assert stored.target_id == str(agent.pk)
    assert stored.target_type.model_class() is get_user_model()
    assert stored.data == {"x": 1}


@pytest.mark.django_db
def test_record_anonymous_actor_is_none():
    event = audit.record("events.guest.registered", actor=AnonymousUser())

    assert AuditEvent.objects.get(pk=event.pk).actor is None


def test_deleting_the_actor_keeps_the_event(agent):
    event = audit.record("ideation.idea.posted", actor=agent)

    agent.delete()

    assert AuditEvent.objects.get(pk=event.pk).actor is None


def test_admin_listing_is_read_only(admin_client, agent):
    audit.record("store.visit.counted", actor=agent)

    listing = admin_client.get("/admin/audit_events/")
    creation = admin_client.get("/admin/audit_events/new/")

    assert listing.status_code == 200
    assert "store.visit.counted" in listing.content.decode()
    assert creation.status_code in {302, 403}
