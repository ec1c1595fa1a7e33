"""Old registrations are reduced to what the indicators count."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import registrations as services
from events.models import EventPage, Registration
from events.personal_data import purge_expired


@pytest.mark.django_db
def test_purge_reduces_old_registrations(open_event, make_user):
    person = make_user(first_name="Dominique", last_name="Oubliée")
    registration = services.register(person, open_event).registration
    checked_in = timezone.now()
    Registration.objects.filter(pk=registration.pk).update(
        status="attended", checked_in_at=checked_in
    )
    long_ago = timezone.now() - datetime.timedelta(days=900)
    EventPage.objects.filter(pk=open_event.pk).update(
        start=long_ago, end=long_ago + datetime.timedelta(hours=2)
    )

    counts = purge_expired(timezone.now())
    registration.refresh_from_db()

    assert counts["registrations_reduced"] == 1
    assert registration.user is None
    assert registration.name == ""
    assert "Oubliée" not in registration.email
    assert registration.checked_in_at == checked_in
    assert registration.audience == "staff"


@pytest.mark.django_db
def test_purge_keeps_recent_registrations(open_event, make_user):
    registration = services.register(make_user(), open_event).registration

    call_command("purge_personal_data", verbosity=0)
    registration.refresh_from_db()

    assert registration.user is not None
    assert registration.name != ""
