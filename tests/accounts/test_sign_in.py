"""Sign-in by e-mail, sign-out by POST, and the staff groups."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from accounts import groups

from .conftest import PASSWORD

LOGIN_URL = "/compte/connexion/"
LOGOUT_URL = "/compte/deconnexion/"


@pytest.mark.django_db
def test_sign_in_accepts_email_in_any_case(client, agent):
    response = client.post(
        LOGIN_URL, {"username": "Camille.DURAND@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(agent.pk)


@pytest.mark.django_db
def test_sign_in_redirects_to_next(client, agent):
    response = client.post(
        LOGIN_URL,
        {"username": agent.email, "password": PASSWORD, "next": "/programme/"},
    )

    assert response["Location"] == "/programme/"


@pytest.mark.django_db
def test_sign_in_wrong_password_shows_french_error(client, agent):
    response = client.post(
        LOGIN_URL, {"username": agent.email, "password": "mauvais mot de passe"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "Adresse électronique ou mot de passe incorrect." in content
    assert 'role="alert"' in content


@pytest.mark.django_db
def test_sign_in_wrong_password_shows_english_error(client, agent):
    response = client.post(
        "/en" + LOGIN_URL, {"username": agent.email, "password": "wrong password"}
    )

    assert "Incorrect e-mail address or password." in response.content.decode()


@pytest.mark.django_db
def test_sign_in_page_is_french_without_prefix(client):
    response = client.get(LOGIN_URL, HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Adresse électronique" in content
    assert 'autocomplete="email"' in content


@pytest.mark.django_db
def test_sign_out_rejects_get(client, agent):
    client.force_login(agent)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(agent.pk)


@pytest.mark.django_db
def test_sign_out_post_ends_session(client, agent):
    client.force_login(agent)

    response = client.post(LOGOUT_URL, follow=True)

    assert response.redirect_chain[-1][0] == "/compte/deconnecte/"
    assert SESSION_KEY not in client.session
    # A neutral wording: "Vous êtes déconnecté" assumed a man.
    assert "Déconnexion effectuée" in response.content.decode()
    assert "déconnecté" not in response.content.decode()


@pytest.mark.django_db
def test_sign_out_button_is_a_form(client, agent):
    client.force_login(agent)

    content = client.get("/compte/deconnecte/").content.decode()

    assert f'<form action="{LOGOUT_URL}" method="post"' in content


@pytest.mark.django_db
def test_groups_exist_with_permissions():
    for name, permissions in groups.GROUP_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = set(
            group.permissions.values_list("content_type__app_label", "codename")
        )

        assert set(permissions) <= granted, name


@pytest.mark.django_db
def test_editors_can_publish_every_page():
    editors = Group.objects.get(name=groups.EDITORS)
    root = Page.get_first_root_node()

    codenames = set(
        GroupPagePermission.objects.filter(group=editors, page=root).values_list(
            "permission__codename", flat=True
        )
    )

    assert set(groups.EDITOR_PAGE_PERMISSIONS) <= codenames


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["/en/smart-lab/ideas/", "/en/", "/en/programme/"])
def test_sign_in_from_english_page_stays_english(seeded_demo, client, agent, next_url):
    """The language of the address where a person signs in wins over the
    profile's, which is French here (``accounts.language``)."""
    expected = next_url

    response = client.post(
        f"/en{LOGIN_URL}?next={next_url}",
        {"username": agent.email, "password": PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/images/add/", "/admin/documents/add/"])
def test_editors_add_images_documents(client, path):
    """Wagtail checks these permissions per collection: with the model
    permissions alone, editors were sent back to the dashboard."""
    editor = get_user_model().objects.create_user(
        email="editeur-medias@example.org", password=PASSWORD
    )
    editor.groups.add(Group.objects.get(name=groups.EDITORS))
    client.force_login(editor)

    response = client.get(path)

    assert response.status_code == 200
