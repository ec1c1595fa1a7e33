"""Old registrations are reduced to what the indicators count."""

import datetime
import io

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


def request_as_guest(event, email="alex@acme.fr") -> Registration:
    return services.request_guest_registration(
        event, name="Alex Martin", organisation="ACME", email=email
    )


def hours_later(hours: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


@pytest.mark.django_db
def test_purge_deletes_expired_guest_request(open_event, settings):
    settings.EVENTS_GUEST_LINK_HOURS = 48
    request = request_as_guest(open_event)

    counts = purge_expired(hours_later(49))

    assert counts["expired_requests_deleted"] == 1
    assert not Registration.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
def test_purge_keeps_request_with_live_link(open_event, settings):
    settings.EVENTS_GUEST_LINK_HOURS = 48
    request = request_as_guest(open_event)

    counts = purge_expired(hours_later(47))

    assert counts["expired_requests_deleted"] == 0
    assert Registration.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
def test_purge_keeps_confirmed_guest(open_event, settings):
    settings.EVENTS_GUEST_LINK_HOURS = 48
    request = request_as_guest(open_event)
    services.confirm_guest_registration(services.make_guest_token(request))

    counts = purge_expired(hours_later(49))

    assert counts["expired_requests_deleted"] == 0
    assert Registration.objects.filter(pk=request.pk, status="confirmed").exists()


@pytest.mark.django_db
def test_purge_logs_expired_request_ids(open_event, caplog):
    first = request_as_guest(open_event, "alex@acme.fr")
    second = request_as_guest(open_event, "sam@acme.fr")

    with caplog.at_level("INFO", logger="events.personal_data"):
        purge_expired(hours_later(24 * 30))

    messages = [record.getMessage() for record in caplog.records]
    expected = f"event {open_event.pk}: registrations {sorted([first.pk, second.pk])}"
    assert any(expected in message for message in messages)


@pytest.mark.django_db
def test_purge_command_reports_expired_requests(open_event):
    request = request_as_guest(open_event)
    output = io.StringIO()

    call_command(
        "purge_personal_data", "--now", hours_later(24 * 30).isoformat(), stdout=output
    )

    assert "'expired_requests_deleted': 1" in output.getvalue()
    assert not Registration.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
def test_purge_dry_run_keeps_expired_request(open_event):
    request = request_as_guest(open_event)
    output = io.StringIO()

    call_command(
        "purge_personal_data",
        "--dry-run",
        "--now",
        hours_later(24 * 30).isoformat(),
        stdout=output,
    )

    assert "'expired_requests_deleted': 1" in output.getvalue()
    assert Registration.objects.filter(pk=request.pk).exists()
