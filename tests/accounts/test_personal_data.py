"""Download and erasure of personal data, across every app that holds some."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command

from accounts.models import AccountEvent, AccountEventKind, Invitation, User
from accounts.privacy import erase_account, find_personal_data_modules
from ideation import comments, services
from ideation.models import Comment, Idea, Vote
from tests.ideation.conftest import board, site_root  # noqa: F401

from .conftest import PASSWORD

EXPORT_URL = "/compte/mes-donnees/"
ERASE_URL = "/compte/mes-donnees/supprimer/"


def open_archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.fixture
def colleague(db) -> User:
    return User.objects.create_user(
        email="sacha.collegue@example.org", password=PASSWORD, first_name="Sacha"
    )


@pytest.fixture
def lab_activity(agent, colleague, board):  # noqa: F811
    """Ideas, votes and comments of the agent and a colleague on one board."""
    own_idea = services.post_idea(
        agent, board, "Un fablab mobile", "Dans les collèges."
    )
    other_idea = services.post_idea(colleague, board, "Des ateliers communs", "")
    for voter in (agent, colleague):
        services.set_vote(voter, own_idea.pk, True)
        services.set_vote(voter, other_idea.pk, True)
    comments.post_comment(agent, other_idea.pk, "Bonne idée, je participe.")
    comments.post_comment(colleague, own_idea.pk, "Nous aussi.")
    return own_idea, other_idea


def test_modules_found_in_every_app_accounts_last():
    labels = [label for label, _module in find_personal_data_modules()]

    assert labels[-1] == "accounts"
    assert "ideation" in labels


@pytest.mark.django_db
def test_export_requires_post(client, agent):
    client.force_login(agent)

    response = client.get(EXPORT_URL)

    assert response.status_code == 405


@pytest.mark.django_db
def test_export_zip_has_json_and_csv(client, agent, lab_activity):
    client.force_login(agent)

    response = client.post(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    archive = open_archive(response)
    data = json.loads(archive.read("donnees.json"))["data"]
    assert data["accounts"]["profile"][0]["email"] == agent.email
    assert [idea["title"] for idea in data["ideation"]["ideas"]] == ["Un fablab mobile"]
    names = archive.namelist()
    assert "csv/accounts-profile.csv" in names
    assert "csv/ideation-ideas.csv" in names
    profile_csv = archive.read("csv/accounts-profile.csv").decode()
    assert profile_csv.splitlines()[0].startswith("email,first_name,last_name")
    assert agent.email in profile_csv
    assert AccountEvent.objects.filter(
        kind=AccountEventKind.DATA_EXPORTED, user=agent
    ).exists()


@pytest.mark.django_db
def test_export_holds_nothing_of_other_people(client, agent, colleague, lab_activity):
    client.force_login(agent)

    archive = open_archive(client.post(EXPORT_URL))

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert colleague.email.encode() not in everything
    assert b"Nous aussi." not in everything


@pytest.mark.django_db
def test_erase_page_needs_confirmation(client, agent):
    client.force_login(agent)

    response = client.post(ERASE_URL, {})

    agent.refresh_from_db()
    assert response.status_code == 200
    assert agent.erased_at is None
    assert client.session[SESSION_KEY] == str(agent.pk)


@pytest.mark.django_db
def test_erase_keeps_counts_equal_to_recount(client, agent, lab_activity):
    own_idea, other_idea = lab_activity
    client.force_login(agent)

    response = client.post(ERASE_URL, {"confirm": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == "/compte/deconnecte/"
    assert "Votre compte a été effacé." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not Vote.objects.filter(user=agent).exists()
    for idea in Idea.objects.all():
        assert idea.vote_count == Vote.objects.filter(idea=idea).count()
        visible_comments = Comment.objects.visible().filter(idea=idea).count()
        assert idea.comment_count == visible_comments
    assert Idea.objects.get(pk=own_idea.pk).vote_count == 1
    assert Idea.objects.get(pk=other_idea.pk).vote_count == 1


@pytest.mark.django_db
def test_erase_anonymises_account_and_content(client, agent, lab_activity):
    own_idea, _other_idea = lab_activity
    email = agent.email

    erase_account(agent, actor=agent, reason="own_request")

    agent.refresh_from_db()
    assert agent.email.endswith("@erased.invalid")
    assert (agent.first_name, agent.last_name) == ("", "")
    assert not agent.is_active
    assert not agent.has_usable_password()
    assert not User.objects.filter(email__iexact=email).exists()
    author = Idea.objects.get(pk=own_idea.pk).author
    assert author.display_name == "Compte supprimé"
    assert not Comment.objects.filter(author=agent).exists()
    assert AccountEvent.objects.filter(kind=AccountEventKind.ERASED).exists()
    assert not AccountEvent.objects.exclude(email="").filter(user=agent).exists()


@pytest.mark.django_db
def test_erased_account_cannot_sign_in_again(client, agent):
    email = agent.email
    erase_account(agent, reason="test")

    response = client.post(
        "/compte/connexion/", {"username": email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_erase_removes_invitations_received(agent, editor):
    Invitation.objects.create(
        email=agent.email,
        organisation="X",
        invited_by=editor,
        secret="s",
        expires_at="2030-01-01T00:00:00Z",
    )

    erase_account(agent, reason="test")

    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_purge_command_dry_run_changes_nothing(partner, settings):
    User.objects.filter(pk=partner.pk).update(last_login="2020-01-01T00:00:00Z")

    call_command("purge_personal_data", "--dry-run", stdout=io.StringIO())

    partner.refresh_from_db()
    assert partner.is_active
    assert partner.erased_at is None


def days_before(moment, days):
    import datetime

    return moment - datetime.timedelta(days=days)


@pytest.mark.django_db
def test_purge_deactivates_then_erases_inactive_partners(partner, agent, settings):
    from django.utils import timezone

    now = timezone.now()
    sleepy = User.objects.create_user(
        email="ancien.partenaire@commune.example", kind="partner"
    )
    User.objects.filter(pk=partner.pk).update(
        last_login=days_before(now, settings.PARTNER_INACTIVITY_DAYS + 1)
    )
    User.objects.filter(pk=sleepy.pk).update(
        last_login=days_before(now, settings.PARTNER_ERASURE_DAYS + 1)
    )
    User.objects.filter(pk=agent.pk).update(last_login=days_before(now, 5000))
    output = io.StringIO()

    call_command("purge_personal_data", stdout=output)

    partner.refresh_from_db()
    sleepy.refresh_from_db()
    agent.refresh_from_db()
    assert not partner.is_active
    assert partner.erased_at is None
    assert sleepy.erased_at is not None
    assert agent.is_active
    assert "'partners_erased': 1" in output.getvalue()
    assert "'partners_deactivated': 1" in output.getvalue()


@pytest.mark.django_db
def test_purge_deletes_old_sign_in_log(agent, settings):
    from django.utils import timezone

    from accounts import account_events

    old = account_events.record(AccountEventKind.SIGN_IN, user=agent)
    recent = account_events.record(AccountEventKind.SIGN_IN, user=agent)
    AccountEvent.objects.filter(pk=old.pk).update(
        created_at=days_before(
            timezone.now(), 31 * settings.SIGN_IN_AUDIT_RETENTION_MONTHS
        )
    )

    call_command("purge_personal_data", stdout=io.StringIO())

    assert list(AccountEvent.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db
def test_purge_calls_every_app_hook(monkeypatch):
    from accounts import privacy

    calls = []

    class FakeModule:
        @staticmethod
        def purge_expired(now):
            calls.append(now)
            return {"registrations_aggregated": 3}

    monkeypatch.setattr(
        privacy,
        "find_personal_data_modules",
        lambda: [("events", FakeModule), ("store", object())],
    )
    output = io.StringIO()

    call_command("purge_personal_data", "--now", "2027-03-28T02:30:00", stdout=output)

    assert len(calls) == 1
    assert calls[0].isoformat() == "2027-03-28T02:30:00+01:00"
    assert "events: purged {'registrations_aggregated': 3}" in output.getvalue()


def test_purge_command_rejects_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="is not an ISO 8601 date"):
        call_command("purge_personal_data", "--now", "hier", stdout=io.StringIO())
