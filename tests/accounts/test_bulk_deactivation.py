"""(De)activation in bulk, through ``UserQuerySet.update`` and the admin's bulk
action: dates, account events, actors, races."""

import datetime
import logging
import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from wagtail.users.views.bulk_actions.set_active_state import (
    SetActiveStateBulkAction,
)

from accounts.models import AccountEvent, AccountEventKind, User, UserKind


def make_person(name: str, **extra) -> User:
    return User.objects.create_user(
        email=f"{name.lower()}@example.org", first_name=name, last_name="Test", **extra
    )


def deactivation_events():
    return AccountEvent.objects.filter(kind=AccountEventKind.DEACTIVATED)


@pytest.mark.django_db
def test_bulk_deactivation_sets_date():
    first = make_person("Lou")
    second = make_person("Noé")

    User.objects.filter(pk__in=[first.pk, second.pk]).update(is_active=False)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.deactivated_at is not None
    assert second.deactivated_at is not None


@pytest.mark.django_db
def test_bulk_deactivation_records_one_event_each():
    first = make_person("Lou")
    second = make_person("Noé")

    User.objects.filter(pk__in=[first.pk, second.pk]).update(is_active=False)

    events = deactivation_events().order_by("user_id")
    assert [event.user_id for event in events] == sorted([first.pk, second.pk])
    assert [event.details for event in events] == [{"reason": "bulk_update"}] * 2
    assert [event.actor_id for event in events] == [None, None]


@pytest.mark.django_db
def test_bulk_deactivation_skips_inactive_people():
    earlier = timezone.now() - datetime.timedelta(days=3)
    inactive = make_person("Noé", is_active=False, deactivated_at=earlier)
    active = make_person("Lou")

    count = User.objects.filter(pk__in=[inactive.pk, active.pk]).update(is_active=False)

    inactive.refresh_from_db()
    assert count == 2
    assert inactive.deactivated_at == earlier
    assert list(deactivation_events().values_list("user_id", flat=True)) == [active.pk]


@pytest.mark.django_db
def test_bulk_deactivation_keeps_explicit_date():
    person = make_person("Lou")
    chosen = timezone.now() - datetime.timedelta(hours=5)

    User.objects.filter(pk=person.pk).update(is_active=False, deactivated_at=chosen)

    person.refresh_from_db()
    assert person.deactivated_at == chosen
    assert deactivation_events().filter(user=person).count() == 1


@pytest.mark.django_db
def test_bulk_update_expression_records_events():
    staying = make_person("Lou")
    leaving = make_person("Noé")
    leaving.is_active = False

    User.objects.bulk_update([staying, leaving], ["is_active"])

    staying.refresh_from_db()
    leaving.refresh_from_db()
    assert staying.deactivated_at is None
    assert leaving.deactivated_at is not None
    assert list(deactivation_events().values_list("user_id", flat=True)) == [leaving.pk]


@pytest.mark.django_db
def test_bulk_activation_records_no_deactivation():
    person = make_person("Lou", is_active=False)

    User.objects.filter(pk=person.pk).update(is_active=True)

    assert not deactivation_events().exists()


def reactivation_events():
    return AccountEvent.objects.filter(kind=AccountEventKind.REACTIVATED)


@pytest.mark.django_db
def test_bulk_reactivation_clears_date():
    earlier = timezone.now() - datetime.timedelta(days=3)
    person = make_person("Lou", is_active=False, deactivated_at=earlier)

    User.objects.filter(pk=person.pk).update(is_active=True)

    person.refresh_from_db()
    assert person.is_active
    assert person.deactivated_at is None


@pytest.mark.django_db
def test_bulk_reactivation_restarts_partner_inactivity(settings):
    long_ago = timezone.now() - datetime.timedelta(
        days=settings.PARTNER_INACTIVITY_DAYS + 10
    )
    partner = make_person("Paula", kind=UserKind.PARTNER, is_active=False)
    User.objects.filter(pk=partner.pk).update(last_login=long_ago)
    agent = make_person("Lou", is_active=False)
    User.objects.filter(pk=agent.pk).update(last_login=long_ago)

    User.objects.filter(pk__in=[partner.pk, agent.pk]).update(is_active=True)

    partner.refresh_from_db()
    agent.refresh_from_db()
    assert partner.can_sign_in()
    assert partner.last_login > long_ago
    assert agent.last_login == long_ago


@pytest.mark.django_db
def test_bulk_reactivation_records_events():
    inactive = make_person("Noé", is_active=False)
    active = make_person("Lou")

    User.objects.filter(pk__in=[inactive.pk, active.pk]).update(is_active=True)

    events = list(reactivation_events())
    assert [event.user_id for event in events] == [inactive.pk]
    assert events[0].details == {"reason": "bulk_update"}


@pytest.mark.django_db
def test_wagtail_bulk_action_records_events():
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    people = [make_person("Lou"), make_person("Noé")]

    SetActiveStateBulkAction.execute_action(
        people + [admin], mark_as_active=False, model=User, user=admin
    )

    admin.refresh_from_db()
    assert admin.is_active
    assert sorted(deactivation_events().values_list("user_id", flat=True)) == sorted(
        person.pk for person in people
    )


@pytest.mark.django_db
def test_bulk_deactivation_logs_user_ids(caplog):
    first = make_person("Lou")
    second = make_person("Noé")

    with caplog.at_level(logging.INFO, logger="accounts.account_events"):
        User.objects.filter(pk__in=[first.pk, second.pk]).update(is_active=False)

    messages = [record.getMessage() for record in caplog.records]
    assert any(f"user {first.pk}," in message for message in messages)
    assert any(f"user {second.pk}," in message for message in messages)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_activation_is_not_lost():
    """Another transaction activates a listed person while the update runs.

    The update must either see that person as active and record the
    deactivation, or keep the other transaction out until it commits. It
    must never deactivate them without a record.
    """
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")
    active = make_person("Lou")
    inactive = make_person("Noé", is_active=False)
    outcome = {}

    def activate_in_other_connection():
        other = connections.create_connection("default")
        other.set_autocommit(False)
        try:
            with other.cursor() as cursor:
                # NOWAIT makes a locked row fail at once instead of waiting
                # for the update that holds the lock, which would deadlock.
                cursor.execute(
                    "SELECT id FROM accounts_user WHERE id = %s FOR UPDATE NOWAIT",
                    [inactive.pk],
                )
                cursor.execute(
                    "UPDATE accounts_user SET is_active = true WHERE id = %s",
                    [inactive.pk],
                )
            other.commit()
            outcome["activated"] = True
        except DatabaseError:
            other.rollback()
            outcome["activated"] = False
        finally:
            other.close()

    def activate_before_update(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "tried" not in outcome:
            outcome["tried"] = True
            thread = threading.Thread(target=activate_in_other_connection)
            thread.start()
            thread.join()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(activate_before_update):
        with transaction.atomic():
            User.objects.filter(pk__in=[active.pk, inactive.pk]).update(is_active=False)

    inactive.refresh_from_db()
    recorded = set(deactivation_events().values_list("user_id", flat=True))
    assert outcome["activated"] is False
    assert not inactive.is_active
    assert recorded == {active.pk}


def run_admin_bulk_action(client, actor: User, people: list, *, active: bool):
    """POST the users listing's "set active state" bulk action as ``actor``."""
    client.force_login(actor)
    query = "&".join(f"id={person.pk}" for person in people)
    return client.post(
        f"/admin/bulk/accounts/user/set_active_state/?{query}&next=/admin/users/",
        {"mark_as_active": str(active)},
        REMOTE_ADDR="192.0.2.7",
        HTTP_USER_AGENT="Test browser",
    )


@pytest.mark.django_db
def test_admin_bulk_deactivation_records_actor(client):
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    people = [make_person("Lou"), make_person("Noé")]

    response = run_admin_bulk_action(client, admin, people + [admin], active=False)

    events = list(deactivation_events().order_by("user_id"))
    admin.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert [event.user_id for event in events] == sorted(p.pk for p in people)
    assert [event.actor_id for event in events] == [admin.pk, admin.pk]
    assert [event.ip_address for event in events] == ["192.0.2.7"] * 2
    assert [event.user_agent for event in events] == ["Test browser"] * 2
    assert [event.details for event in events] == [{"reason": "admin_bulk_action"}] * 2
    assert admin.is_active


@pytest.mark.django_db
def test_admin_bulk_deactivation_sets_dates(client):
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    person = make_person("Lou")

    run_admin_bulk_action(client, admin, [person], active=False)

    person.refresh_from_db()
    assert not person.is_active
    assert person.deactivated_at is not None


@pytest.mark.django_db
def test_admin_bulk_reactivation_records_actor(client):
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    earlier = timezone.now() - datetime.timedelta(days=3)
    inactive = make_person("Noé", is_active=False, deactivated_at=earlier)
    active = make_person("Lou")

    run_admin_bulk_action(client, admin, [inactive, active], active=True)

    events = list(reactivation_events())
    inactive.refresh_from_db()
    assert inactive.is_active
    assert inactive.deactivated_at is None
    assert [event.user_id for event in events] == [inactive.pk]
    assert events[0].actor_id == admin.pk
    assert events[0].details == {"reason": "admin_bulk_action"}


@pytest.mark.django_db
def test_admin_bulk_deactivation_logs_actor(client, caplog):
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    person = make_person("Lou")

    with caplog.at_level(logging.INFO, logger="accounts.account_events"):
        run_admin_bulk_action(client, admin, [person], active=False)

    messages = [record.getMessage() for record in caplog.records]
    assert any(
        f"user {person.pk}, actor {admin.pk}," in message for message in messages
    )


@pytest.mark.django_db
def test_admin_bulk_action_confirmation_page(client):
    admin = make_person("Admin", is_superuser=True, is_staff=True)
    person = make_person("Lou")
    client.force_login(admin)

    response = client.get(f"/admin/bulk/accounts/user/set_active_state/?id={person.pk}")

    assert response.status_code == 200
    assert 'name="mark_as_active"' in response.content.decode()
