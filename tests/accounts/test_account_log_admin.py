"""The sign-in log in the Wagtail admin: readable by superusers, never editable."""

import pytest

from accounts import account_events
from accounts.models import AccountEventKind


@pytest.mark.django_db
def test_superuser_reads_sign_in_log(client, agent, editor):
    editor.is_superuser = True
    editor.save()
    account_events.record(
        AccountEventKind.SIGN_IN_FAILED, user=agent, email="camille@example.org"
    )
    client.force_login(editor)

    response = client.get("/admin/account_events/")

    assert response.status_code == 200
    assert "camille@example.org" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_log_cannot_be_edited(client, agent, editor):
    editor.is_superuser = True
    editor.save()
    event = account_events.record(AccountEventKind.SIGN_IN, user=agent)
    client.force_login(editor)

    edit = client.get(f"/admin/account_events/edit/{event.pk}/")
    delete = client.post(f"/admin/account_events/delete/{event.pk}/")

    assert edit.status_code in (302, 403)
    assert delete.status_code in (302, 403)
    assert event.__class__.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_editor_without_permission_cannot_read_log(client, editor):
    client.force_login(editor)

    response = client.get("/admin/account_events/")

    assert response.status_code in (302, 403)
