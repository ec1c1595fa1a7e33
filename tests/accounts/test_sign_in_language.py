"""Language of the first page after sign-in: the address first, then the profile."""

import pytest

from accounts.language import language_after_sign_in
from accounts.models import User
from tests.home.conftest import english, home_pages  # noqa: F401 (fixtures)

from .conftest import PASSWORD


def sign_in_at(client, login_url, email, next_url=None):
    data = {"username": email, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(login_url, data)


@pytest.mark.parametrize(
    ("profile", "next_url", "sign_in_path", "expected"),
    [
        ("fr", "/", "/en/compte/connexion/", "en"),
        ("fr", "/recherche/", "/en/compte/connexion/", "en"),
        ("en", "/recherche/", "/compte/connexion/", "en"),
        ("fr", "/en/recherche/", "/compte/connexion/", "en"),
        ("en", "/", "/compte/connexion/", "en"),
        ("fr", "/", "/compte/connexion/", "fr"),
        ("de", "/", "/compte/connexion/", "fr"),
    ],
)
def test_language_after_sign_in(profile, next_url, sign_in_path, expected):
    user = User(email="x@example.org", language=profile)

    assert language_after_sign_in(user, next_url, sign_in_path) == expected


@pytest.mark.django_db
def test_english_sign_in_page_lands_on_english_home(client, agent, home_pages):  # noqa: F811
    response = sign_in_at(client, "/en/compte/connexion/", agent.email)

    assert agent.language == "fr"
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_french_sign_in_page_uses_profile(client, agent, home_pages):  # noqa: F811
    agent.language = "en"
    agent.save()

    response = sign_in_at(client, "/compte/connexion/", agent.email)

    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_french_profile_lands_on_french_home(client, agent, home_pages):  # noqa: F811
    response = sign_in_at(client, "/compte/connexion/", agent.email)

    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("login_url", "next_url", "expected"),
    [
        ("/en/compte/connexion/", "/en/recherche/?q=x", "/en/recherche/?q=x"),
        ("/en/compte/connexion/", "/recherche/?q=x", "/en/recherche/?q=x"),
        ("/compte/connexion/", "/en/recherche/?q=x", "/en/recherche/?q=x"),
        ("/compte/connexion/", "/recherche/?q=x", "/recherche/?q=x"),
    ],
)
def test_address_language_beats_french_profile(
    client, agent, login_url, next_url, expected
):
    response = sign_in_at(client, login_url, agent.email, next_url)

    assert response["Location"] == expected


@pytest.mark.django_db
def test_profile_help_states_rule(client, agent):
    client.force_login(agent)

    content = client.get("/compte/profil/").content.decode()

    assert "Après une connexion depuis une page en français" in content
    assert "une fois connecté" not in content
