"""Who may sign in: unknown, deactivated and expired accounts, lockout, limits."""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from accounts.models import AccountEvent, AccountEventKind
from accounts.services import deactivate_user, reactivate_user

from .conftest import PASSWORD

LOGIN_URL = "/compte/connexion/"
ADMIN_LOGIN_URL = "/admin/login/"
INVALID = "Adresse électronique ou mot de passe incorrect."
LOCKED = "Trop de tentatives de connexion ont échoué."


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": email, "password": password}, **extra)


def error_text(response) -> str:
    """Return the text of the form's error box."""
    match = re.search(
        r'<div class="form-errors"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    assert match, "the page shows no form error"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.django_db
def test_unknown_and_wrong_password_look_the_same(client, agent):
    wrong_password = sign_in(client, agent.email, "pas le bon mot de passe")
    unknown = sign_in(client, "personne@example.org")

    assert wrong_password.status_code == unknown.status_code == 200
    assert error_text(unknown) == error_text(wrong_password)
    assert INVALID in error_text(unknown)


@pytest.mark.django_db
def test_deactivated_account_looks_unknown(client, agent):
    deactivate_user(agent, reason="test")

    response = sign_in(client, agent.email)

    assert SESSION_KEY not in client.session
    assert error_text(response) == error_text(sign_in(client, "x@example.org"))


@pytest.mark.django_db
def test_expired_partner_cannot_sign_in(client, partner, settings):
    partner.last_login = timezone.now() - datetime.timedelta(
        days=settings.PARTNER_INACTIVITY_DAYS + 1
    )
    partner.save()

    response = sign_in(client, partner.email)

    assert SESSION_KEY not in client.session
    assert INVALID in error_text(response)


@pytest.mark.django_db
def test_recent_partner_signs_in(client, partner, settings):
    partner.last_login = timezone.now() - datetime.timedelta(
        days=settings.PARTNER_INACTIVITY_DAYS - 1
    )
    partner.save()

    response = sign_in(client, partner.email)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(partner.pk)


@pytest.mark.django_db
def test_agent_never_expires(client, agent):
    agent.last_login = timezone.now() - datetime.timedelta(days=3650)
    agent.save()

    response = sign_in(client, agent.email)

    assert response.status_code == 302


@pytest.mark.django_db
def test_deactivation_ends_open_session(client, agent):
    client.force_login(agent)

    deactivate_user(agent, reason="test")
    response = client.get("/compte/invitations/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    event = AccountEvent.objects.get(kind=AccountEventKind.DEACTIVATED)
    assert event.user == agent
    assert event.details == {"reason": "test"}


@pytest.mark.django_db
def test_reactivation_restarts_partner_period(client, partner, settings):
    partner.last_login = timezone.now() - datetime.timedelta(days=1000)
    partner.save()
    deactivate_user(partner, reason="inactive")

    reactivate_user(partner)

    assert sign_in(client, partner.email).status_code == 302


@pytest.mark.django_db
def test_lockout_after_failures_refuses_right_password(client, agent, settings):
    for _attempt in range(settings.SIGN_IN_LOCKOUT["ACCOUNT_FAILURES"]):
        sign_in(client, agent.email, "mauvais mot de passe")

    response = sign_in(client, agent.email)

    assert response.status_code == 429
    assert LOCKED in error_text(response)
    assert SESSION_KEY not in client.session
    assert AccountEvent.objects.filter(
        kind=AccountEventKind.SIGN_IN_LOCKED, user=agent
    ).exists()


@pytest.mark.django_db
def test_lockout_same_for_unknown_account(client, settings):
    for _attempt in range(settings.SIGN_IN_LOCKOUT["ACCOUNT_FAILURES"]):
        sign_in(client, "inconnu@example.org", "mauvais mot de passe")

    response = sign_in(client, "inconnu@example.org")

    assert response.status_code == 429
    assert LOCKED in error_text(response)


@pytest.mark.django_db
def test_lockout_per_account_spares_other_accounts(client, agent, partner):
    for _attempt in range(5):
        sign_in(client, agent.email, "mauvais mot de passe")

    response = sign_in(client, partner.email)

    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_per_address(client, agent, settings):
    settings.SIGN_IN_LOCKOUT = {**settings.SIGN_IN_LOCKOUT, "ADDRESS_FAILURES": 3}
    for number in range(3):
        sign_in(client, f"essai{number}@example.org", "mauvais mot de passe")

    same_address = sign_in(client, agent.email)
    other_address = sign_in(client, agent.email, REMOTE_ADDR="10.0.0.9")

    assert same_address.status_code == 429
    assert other_address.status_code == 302


def admin_sign_in(client, email, password=PASSWORD, **extra):
    return client.post(
        ADMIN_LOGIN_URL, {"username": email, "password": password}, **extra
    )


def admin_error_text(response) -> str:
    """Return the text of the error items on the Wagtail admin sign-in page."""
    content = response.content.decode()
    errors = re.findall(r'<li class="error">(.*?)</li>', content, re.S)
    assert errors, "the admin sign-in page shows no error"
    return " ".join(re.sub(r"\s+", " ", error).strip() for error in errors)


@pytest.fixture
def admin_agent(agent):
    agent.is_superuser = agent.is_staff = True
    agent.save()
    return agent


@pytest.mark.django_db
def test_admin_sign_in_shows_lockout(client, admin_agent, settings):
    for _attempt in range(settings.SIGN_IN_LOCKOUT["ACCOUNT_FAILURES"]):
        sign_in(client, admin_agent.email, "mauvais mot de passe")

    response = admin_sign_in(client, admin_agent.email)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert LOCKED in admin_error_text(response)
    assert "ne correspondent" not in response.content.decode()
    assert AccountEvent.objects.filter(
        kind=AccountEventKind.SIGN_IN_LOCKED, user=admin_agent
    ).exists()


@pytest.mark.django_db
def test_admin_failures_lock_both_doors(client, admin_agent, settings):
    for _attempt in range(settings.SIGN_IN_LOCKOUT["ACCOUNT_FAILURES"]):
        admin_sign_in(client, admin_agent.email, "mauvais mot de passe")

    admin_response = admin_sign_in(client, admin_agent.email)
    site_response = sign_in(client, admin_agent.email)

    assert LOCKED in admin_error_text(admin_response)
    assert LOCKED in error_text(site_response)
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_admin_wrong_password_same_message(client, admin_agent):
    response = admin_sign_in(client, admin_agent.email, "mauvais mot de passe")

    assert INVALID in admin_error_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("door", ["site", "admin"])
def test_locked_attempt_adds_no_failure(client, agent, partner, settings, door):
    """A rejected attempt during a lockout adds no failure to the address."""
    settings.SIGN_IN_LOCKOUT = {
        **settings.SIGN_IN_LOCKOUT,
        "ACCOUNT_FAILURES": 2,
        "ADDRESS_FAILURES": 4,
    }
    attempt = admin_sign_in if door == "admin" else sign_in
    for _attempt in range(2):
        attempt(client, agent.email, "mauvais mot de passe")

    for _attempt in range(3):
        attempt(client, agent.email)
    response = sign_in(client, partner.email)

    assert response.status_code == 302
    failed = AccountEvent.objects.filter(kind=AccountEventKind.SIGN_IN_FAILED)
    locked = AccountEvent.objects.filter(kind=AccountEventKind.SIGN_IN_LOCKED)
    assert failed.count() == 2
    assert locked.count() == 3


@pytest.mark.django_db
def test_successful_sign_in_clears_account_failures(client, agent):
    for _attempt in range(4):
        sign_in(client, agent.email, "mauvais mot de passe")
    sign_in(client, agent.email)
    client.post("/compte/deconnexion/")

    for _attempt in range(4):
        sign_in(client, agent.email, "mauvais mot de passe")
    response = sign_in(client, agent.email)

    assert response.status_code == 302


@pytest.mark.django_db
def test_sign_in_rate_limit_answers_429(client, agent, settings):
    settings.RATE_LIMITS = {"sign_in": (2, 60)}
    sign_in(client, agent.email, "mauvais mot de passe")
    sign_in(client, agent.email, "mauvais mot de passe")

    response = sign_in(client, agent.email)

    assert response.status_code == 429
    assert "Retry-After" in response


@pytest.mark.django_db
def test_rate_limit_shared_by_both_doors(client, agent, settings):
    settings.RATE_LIMITS = {"sign_in": (2, 60)}
    sign_in(client, agent.email, "mauvais mot de passe")
    admin_sign_in(client, agent.email, "mauvais mot de passe")

    response = admin_sign_in(client, agent.email)

    assert response.status_code == 429
    assert "Retry-After" in response


@pytest.mark.django_db
def test_admin_sign_in_still_works(client, admin_agent):
    response = admin_sign_in(client, admin_agent.email)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(admin_agent.pk)


@pytest.mark.django_db
def test_workshop_room_signs_in_from_one_address(django_user_model):
    """Sixty people behind one NAT address sign in within the same minute."""
    statuses = []
    for number in range(60):
        email = f"atelier{number}@example.org"
        django_user_model.objects.create_user(email=email, password=PASSWORD)
        statuses.append(sign_in(Client(), email).status_code)

    assert statuses == [302] * 60


@pytest.mark.django_db
def test_sign_in_events_recorded(client, agent):
    sign_in(client, "Camille.Durand@example.org", "mauvais mot de passe")
    sign_in(client, agent.email, REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Test")
    client.post("/compte/deconnexion/")

    kinds = list(
        AccountEvent.objects.order_by("pk").values_list("kind", "user", "email")
    )
    assert kinds == [
        (AccountEventKind.SIGN_IN_FAILED, agent.pk, "Camille.Durand@example.org"),
        (AccountEventKind.SIGN_IN, agent.pk, ""),
        (AccountEventKind.SIGN_OUT, agent.pk, ""),
    ]
    success = AccountEvent.objects.get(kind=AccountEventKind.SIGN_IN)
    assert success.ip_address == "192.0.2.7"
    assert success.user_agent == "Test"
    assert success.details == {"method": "password"}


@pytest.mark.django_db
def test_sign_in_redirects_in_user_language(client, agent):
    agent.language = "en"
    agent.save()

    response = client.post(
        LOGIN_URL,
        {"username": agent.email, "password": PASSWORD, "next": "/recherche/?q=x"},
    )

    assert response["Location"] == "/en/recherche/?q=x"


@pytest.mark.django_db
def test_admin_deactivation_recorded(client, agent, editor):
    admin = editor
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)

    response = client.post(
        f"/admin/users/edit/{agent.pk}/",
        {
            "email": agent.email,
            "first_name": agent.first_name,
            "last_name": agent.last_name,
            "kind": agent.kind,
            "language": "fr",
            "organisation": "",
            "department": "",
            "is_active": "",
        },
    )

    agent.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not agent.is_active
    assert agent.deactivated_at is not None
    event = AccountEvent.objects.get(kind=AccountEventKind.DEACTIVATED)
    assert event.actor == admin


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (15 * 60, "patientez 15 minutes"),
        (60, "patientez 1 minute "),
        (90, "patientez 2 minutes"),
    ],
)
def test_lockout_message_gives_pause_length(settings, seconds, expected):
    from django.utils import translation

    from accounts.forms import locked_message

    settings.SIGN_IN_LOCKOUT = {**settings.SIGN_IN_LOCKOUT, "SECONDS": seconds}

    with translation.override("fr"):
        assert expected in locked_message()
