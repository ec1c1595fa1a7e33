"""Single sign-on through OpenID Connect, against a provider on 127.0.0.1."""

import http.client
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from accounts.models import AccountEvent, AccountEventKind, User, UserKind
from tests.oidc_provider import OpenIDProvider

START_URL = "/compte/connexion/sso/"
CALLBACK_PATH = "/compte/connexion/sso/retour/"
UNVERIFIED_MESSAGE = "La réponse du fournisseur d’identité n’a pas pu être vérifiée"


@pytest.fixture
def provider():
    started = OpenIDProvider().start()
    yield started
    started.stop()


@pytest.fixture
def oidc_settings(settings, provider):
    settings.OIDC = {
        **settings.OIDC,
        "ISSUER": provider.issuer,
        "CLIENT_ID": provider.client_id,
        "CLIENT_SECRET": provider.client_secret,
        "ALLOWED_EMAIL_DOMAINS": ["departement.example"],
        "PROVIDER_NAME": "ProConnect",
        "CREATE_USERS": True,
    }
    cache.clear()
    yield settings.OIDC
    cache.clear()


def follow_provider(location: str) -> str:
    """Request the provider's authorization URL; return where it redirects."""
    parts = urlsplit(location)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    connection.close()
    assert response.status == 302, f"provider answered {response.status}"
    return response.getheader("Location")


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def start_flow(client, next_url="/") -> str:
    """Start single sign-on; return the callback URL the provider sends back."""
    response = client.get(START_URL, {"next": next_url})
    assert response.status_code == 302
    return follow_provider(response["Location"])


def sign_in(client, next_url="/"):
    return client.get(local_path(start_flow(client, next_url)), follow=True)


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


@pytest.mark.django_db
def test_sso_creates_agent_from_json_userinfo(client, oidc_settings):
    response = sign_in(client)

    user = User.objects.get(email="camille.martin@departement.example")
    assert response.status_code == 200
    assert signed_in_user_id(client) == str(user.pk)
    assert user.kind == UserKind.AGENT
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert not user.has_usable_password()
    event = AccountEvent.objects.get(kind=AccountEventKind.SIGN_IN, user=user)
    assert event.details == {"method": "oidc"}


@pytest.mark.django_db
def test_sso_accepts_proconnect_jwt_userinfo(client, oidc_settings, provider):
    provider.behaviour.userinfo_as_jwt = True
    provider.behaviour.proconnect_claims = True
    provider.behaviour.token_auth_methods = ["client_secret_post"]

    sign_in(client)

    user = User.objects.get(email="camille.martin@departement.example")
    assert signed_in_user_id(client) == str(user.pk)
    assert user.last_name == "Martin"
    assert provider.token_requests[-1]["method"] == "client_secret_post"


@pytest.mark.django_db
def test_sso_uses_basic_auth_when_offered(client, oidc_settings, provider):
    sign_in(client)

    assert provider.token_requests[-1]["method"] == "client_secret_basic"


@pytest.mark.django_db
def test_sso_matches_existing_user_by_email(client, oidc_settings, provider):
    existing = User.objects.create_user(
        email="Camille.Martin@Departement.example", password="x" * 12
    )
    existing.refresh_from_db()

    sign_in(client)

    assert signed_in_user_id(client) == str(existing.pk)
    assert User.objects.filter(email__iexact=existing.email).count() == 1


@pytest.mark.django_db
def test_sso_authorization_request_uses_pkce(client, oidc_settings, provider):
    response = client.get(START_URL)

    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32
    assert len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == [f"http://testserver{CALLBACK_PATH}"]
    assert query["scope"] == ["openid email profile"]


@pytest.mark.django_db
def test_sso_rejects_bad_id_token_signature(client, oidc_settings, provider):
    provider.behaviour.id_token_foreign_key = True

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert UNVERIFIED_MESSAGE in response.content.decode()
    assert response.redirect_chain[-1][0] == "/compte/connexion/"


@pytest.mark.django_db
def test_sso_rejects_bad_userinfo_signature(client, oidc_settings, provider):
    provider.behaviour.userinfo_as_jwt = True
    provider.behaviour.userinfo_foreign_key = True

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert UNVERIFIED_MESSAGE in response.content.decode()
    assert not User.objects.filter(email="camille.martin@departement.example").exists()


@pytest.mark.django_db
def test_sso_rejects_wrong_nonce(client, oidc_settings, provider):
    provider.behaviour.wrong_nonce = True

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert UNVERIFIED_MESSAGE in response.content.decode()
    event = AccountEvent.objects.get(kind=AccountEventKind.SIGN_IN_SSO_REFUSED)
    assert event.details == {"reason": "invalid_answer"}


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["wrong_audience", "expired_id_token"])
def test_sso_rejects_invalid_id_token_claims(client, oidc_settings, provider, fault):
    setattr(provider.behaviour, fault, True)

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert UNVERIFIED_MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_sso_rejects_wrong_state(client, oidc_settings):
    callback = urlsplit(start_flow(client))
    query = parse_qs(callback.query)

    response = client.get(
        callback.path, {"code": query["code"][0], "state": "forged-state"}, follow=True
    )

    assert signed_in_user_id(client) is None
    assert "Ce lien de connexion n’est pas valide ou a expiré." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_sso_rejects_replayed_callback(client, oidc_settings):
    callback = local_path(start_flow(client))
    client.get(callback)
    client.post("/compte/deconnexion/")

    response = client.get(callback, follow=True)

    assert signed_in_user_id(client) is None
    assert "Ce lien de connexion n’est pas valide ou a expiré." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_sso_rejects_callback_without_session(client, oidc_settings, provider):
    callback = local_path(start_flow(client))
    client.cookies.clear()

    response = client.get(callback, follow=True)

    assert signed_in_user_id(client) is None
    assert "n’est pas valide ou a expiré" in response.content.decode()


@pytest.mark.django_db
def test_sso_rejects_provider_error(client, oidc_settings):
    callback = urlsplit(start_flow(client))
    state = parse_qs(callback.query)["state"][0]

    response = client.get(
        callback.path, {"error": "access_denied", "state": state}, follow=True
    )

    assert signed_in_user_id(client) is None
    assert "La connexion par le fournisseur d’identité n’a pas abouti." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_sso_rejects_domain_not_allowed(client, oidc_settings, provider):
    provider.identity.email = "someone@company.example"

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert "réservée aux agents du département" in response.content.decode()
    assert not User.objects.filter(email="someone@company.example").exists()


@pytest.mark.django_db
def test_sso_rejects_unverified_email(client, oidc_settings, provider):
    provider.identity.email_verified = False

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert "adresse électronique vérifiée" in response.content.decode()


@pytest.mark.django_db
def test_sso_refuses_deactivated_account(client, oidc_settings):
    User.objects.create_user(
        email="camille.martin@departement.example", is_active=False
    )

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert "ne donne pas accès à Smart Corner" in response.content.decode()


@pytest.mark.django_db
def test_sso_without_account_creation_refuses_unknown(client, oidc_settings):
    oidc_settings["CREATE_USERS"] = False

    response = sign_in(client)

    assert signed_in_user_id(client) is None
    assert "ne donne pas accès à Smart Corner" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_sso_rejects_discovery_with_other_issuer(client, oidc_settings, provider):
    provider.behaviour.discovery_issuer = "https://elsewhere.example"

    response = client.get(START_URL, follow=True)

    assert response.redirect_chain[-1][0] == "/compte/connexion/"
    assert UNVERIFIED_MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_sso_reports_unreachable_provider(client, oidc_settings, provider):
    provider.stop()

    response = client.get(START_URL, follow=True)

    assert "ne peut pas être joint" in response.content.decode()


@pytest.mark.django_db
def test_sso_disabled_without_issuer(client, settings):
    settings.OIDC = {**settings.OIDC, "ISSUER": ""}

    response = client.get(START_URL, follow=True)

    assert "connexion unique n’est pas disponible" in response.content.decode()


@pytest.mark.django_db
def test_sso_redirects_to_next_in_user_language(client, oidc_settings):
    User.objects.create_user(email="camille.martin@departement.example", language="en")

    response = client.get(local_path(start_flow(client, "/recherche/?q=lab")))

    assert response.status_code == 302
    assert response["Location"] == "/en/recherche/?q=lab"


@pytest.mark.django_db
def test_sso_from_english_page_stays_english(client, oidc_settings):
    User.objects.create_user(email="camille.martin@departement.example", language="fr")

    started = client.get(f"/en{START_URL}", {"next": "/recherche/?q=lab"})
    response = client.get(local_path(follow_provider(started["Location"])))

    assert response.status_code == 302
    assert response["Location"] == "/en/recherche/?q=lab"


@pytest.mark.django_db
def test_sso_ignores_foreign_next(client, oidc_settings):
    response = client.get(local_path(start_flow(client, "https://evil.example/")))

    assert response["Location"] == "/"


@pytest.mark.django_db
def test_sso_sign_out_goes_to_provider_logout(client, oidc_settings, provider):
    sign_in(client)

    response = client.post("/compte/deconnexion/")

    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert location.path == "/logout"
    assert query["post_logout_redirect_uri"] == ["http://testserver/compte/deconnecte/"]
    assert "id_token_hint" in query
    assert signed_in_user_id(client) is None


@pytest.mark.django_db
def test_sign_in_page_shows_sso_button(client, oidc_settings):
    content = client.get("/compte/connexion/").content.decode()

    assert "Se connecter avec ProConnect" in content
    assert 'href="/compte/connexion/sso/?next=' in content
