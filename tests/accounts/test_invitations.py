"""Partner invitations: sending, accepting once, expiry and bad links."""

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.utils import timezone

from accounts.invitations import make_token
from accounts.models import AccountEvent, AccountEventKind, Invitation, User, UserKind

INVITE_URL = "/compte/invitations/"
NEW_PASSWORD = "un autre mot de passe solide"
LINK_PATTERN = re.compile(r"https?://testserver((?:/en)?/compte/invitation/[^/\s]+/)")


@pytest.fixture
def send_invitation(client, django_capture_on_commit_callbacks):
    """Return a function that posts the invitation form and sends the e-mail."""

    def send(email="sam.partenaire@agglo.example", **fields):
        data = {
            "email": email,
            "organisation": "Agglomération du Val",
            "language": "fr",
        }
        data.update(fields)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(INVITE_URL, data, follow=True)

    return send


def link_in(message) -> str:
    match = LINK_PATTERN.search(message.body)
    assert match, message.body
    return match.group(1)


def accept(client, link, **fields):
    data = {
        "first_name": "Sam",
        "last_name": "Petit",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(fields)
    return client.post(link, data)


@pytest.mark.django_db
def test_invite_page_requires_permission(client, agent):
    client.force_login(agent)

    response = client.get(INVITE_URL)

    assert response.status_code == 403


@pytest.mark.django_db
def test_invite_page_redirects_anonymous(client):
    response = client.get(INVITE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")


@pytest.mark.django_db
def test_invite_sends_signed_link(client, send_invitation, editor):
    client.force_login(editor)

    response = send_invitation()

    invitation = Invitation.objects.get()
    assert invitation.invited_by == editor
    assert invitation.organisation == "Agglomération du Val"
    assert "Invitation envoyée à sam.partenaire@agglo.example" in (
        response.content.decode()
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam.partenaire@agglo.example"]
    assert "Agglomération du Val" in mail.outbox[0].body
    assert "Dominique Leroy" in mail.outbox[0].subject
    assert link_in(mail.outbox[0])
    assert AccountEvent.objects.filter(
        kind=AccountEventKind.INVITATION_SENT, actor=editor
    ).exists()


@pytest.mark.django_db
def test_invite_email_uses_invitation_language(client, send_invitation, editor):
    client.force_login(editor)

    send_invitation(language="en")

    assert "invites you to Smart Corner" in mail.outbox[0].subject
    assert link_in(mail.outbox[0]).startswith("/en/compte/invitation/")


@pytest.mark.django_db
@pytest.mark.parametrize("existing_account", [False, True])
def test_invite_email_keeps_names_unescaped(
    client, send_invitation, editor, partner, existing_account
):
    """The e-mails are plain text: an apostrophe or "&" is no HTML entity."""
    editor.last_name = "d'Arc & fils"
    editor.save()
    client.force_login(editor)
    email = partner.email if existing_account else "n.diaye@agglo.example"

    send_invitation(email=email, organisation="Ville d'Angers & Co <Val>")

    message = mail.outbox[0]
    assert "d'Arc & fils" in message.subject
    assert "d'Arc & fils" in message.body
    assert "&#x27;" not in message.subject + message.body
    assert "&amp;" not in message.subject + message.body
    if not existing_account:
        assert "Ville d'Angers & Co <Val>" in message.body


@pytest.mark.django_db
def test_invite_existing_account_reveals_nothing(
    client, send_invitation, editor, partner
):
    client.force_login(editor)

    new_response = send_invitation(email="nobody@agglo.example")
    existing_response = send_invitation(email=partner.email.upper())

    def confirmation(response):
        return re.search(r"Invitation envoyée à [^<]*", response.content.decode())[0]

    assert confirmation(existing_response) == confirmation(new_response).replace(
        "nobody@agglo.example", partner.email.upper()
    )
    assert not Invitation.objects.filter(email=partner.email).exists()
    assert "vous avez déjà un compte" in mail.outbox[1].body.lower()
    assert "/compte/connexion/" in mail.outbox[1].body


@pytest.mark.django_db
def test_accept_creates_partner_and_signs_in(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    client.logout()
    link = link_in(mail.outbox[0])

    page = client.get(link)
    response = accept(client, link)

    user = User.objects.get(email="sam.partenaire@agglo.example")
    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.kind == UserKind.PARTNER
    assert user.organisation == "Agglomération du Val"
    assert user.check_password(NEW_PASSWORD)
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    assert invitation.user == user


@pytest.mark.django_db
def test_accept_replayed_link_refused(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    link = link_in(mail.outbox[0])
    accept(client, link)
    client.logout()

    response = accept(client, link, password1="x" * 20, password2="x" * 20)

    assert response.status_code == 400
    assert "a déjà été utilisée" in response.content.decode()
    assert User.objects.filter(kind=UserKind.PARTNER).count() == 1
    assert AccountEvent.objects.filter(
        kind=AccountEventKind.INVITATION_REFUSED, details__reason="used"
    ).exists()


@pytest.mark.django_db
def test_accept_expired_invitation_refused(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    link = link_in(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now())

    response = client.get(link)

    assert response.status_code == 400
    assert "Cette invitation a expiré." in response.content.decode()


@pytest.mark.django_db
def test_accept_link_past_signature_age_refused(
    client, send_invitation, editor, monkeypatch, settings
):
    client.force_login(editor)
    send_invitation()
    link = link_in(mail.outbox[0])
    later = time.time() + (settings.INVITATION_VALID_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = accept(client, link)

    assert response.status_code == 400
    assert "Cette invitation a expiré." in response.content.decode()
    assert not User.objects.filter(kind=UserKind.PARTNER).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["abc", "eyJpZCI6MX0:1abcde:forged", "%ff%fe", "a" * 300],
)
def test_accept_malformed_token_refused(client, token):
    response = client.get(f"/compte/invitation/{token}/")

    assert response.status_code == 400
    assert "Ce lien d’invitation n’est pas valide." in response.content.decode()


@pytest.mark.django_db
def test_accept_token_with_wrong_secret_refused(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    invitation = Invitation.objects.get()
    invitation.secret = "another secret"

    response = client.get(f"/compte/invitation/{make_token(invitation)}/")

    assert response.status_code == 400
    assert "n’est pas valide" in response.content.decode()


@pytest.mark.django_db
def test_new_invitation_replaces_pending_one(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    send_invitation()
    client.logout()

    response = client.get(link_in(mail.outbox[0]))
    newer = client.get(link_in(mail.outbox[1]))

    assert response.status_code == 400
    assert "a déjà été utilisée ou remplacée" in response.content.decode()
    assert newer.status_code == 200


@pytest.mark.django_db
def test_accept_password_mismatch_shows_error(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    client.logout()
    link = link_in(mail.outbox[0])

    response = accept(client, link, password2="something else entirely")

    assert response.status_code == 200
    assert "Les deux mots de passe sont différents" in response.content.decode()
    assert not User.objects.filter(kind=UserKind.PARTNER).exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_accept_weak_password_refused(client, send_invitation, editor):
    client.force_login(editor)
    send_invitation()
    client.logout()

    response = accept(
        client, link_in(mail.outbox[0]), password1="12345678", password2="12345678"
    )

    assert response.status_code == 200
    assert not User.objects.filter(kind=UserKind.PARTNER).exists()
