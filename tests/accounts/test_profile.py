"""The profile page: name, directorate or organisation, language."""

import pytest

from accounts.models import AccountEvent, AccountEventKind

PROFILE_URL = "/compte/profil/"


@pytest.mark.django_db
def test_profile_requires_sign_in(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")


@pytest.mark.django_db
def test_agent_profile_shows_department_not_organisation(client, agent):
    client.force_login(agent)

    content = client.get(PROFILE_URL).content.decode()

    assert 'name="department"' in content
    assert 'name="organisation"' not in content
    assert agent.email in content


@pytest.mark.django_db
def test_partner_profile_shows_organisation(client, partner):
    client.force_login(partner)

    content = client.get(PROFILE_URL).content.decode()

    assert 'name="organisation"' in content
    assert 'name="department"' not in content


@pytest.mark.django_db
def test_profile_saves_and_switches_language(client, agent):
    client.force_login(agent)

    response = client.post(
        PROFILE_URL,
        {
            "first_name": "Camille",
            "last_name": "Durand-Morel",
            "department": "Direction du numérique",
            "language": "en",
        },
    )

    agent.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == "/en/compte/profil/"
    assert agent.last_name == "Durand-Morel"
    assert agent.department == "Direction du numérique"
    assert agent.language == "en"
    event = AccountEvent.objects.get(kind=AccountEventKind.PROFILE_CHANGED)
    assert event.details == {"fields": ["department", "language", "last_name"]}


@pytest.mark.django_db
def test_profile_cannot_change_email_or_kind(client, partner):
    client.force_login(partner)

    client.post(
        PROFILE_URL,
        {
            "first_name": "Alex",
            "last_name": "Bernard",
            "organisation": "Commune de Villeneuve",
            "language": "fr",
            "email": "autre@example.org",
            "kind": "agent",
            "is_staff": "on",
        },
    )

    partner.refresh_from_db()
    assert partner.email == "alex.partenaire@commune.example"
    assert partner.is_partner
    assert not partner.is_staff


@pytest.mark.django_db
def test_profile_rejects_unknown_language(client, agent):
    client.force_login(agent)

    response = client.post(
        PROFILE_URL, {"first_name": "C", "last_name": "D", "language": "xx"}
    )

    agent.refresh_from_db()
    assert response.status_code == 200
    assert agent.language == "fr"
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_profile_escapes_name(client, agent):
    agent.first_name = "<script>alert(1)</script>"
    agent.save()
    client.force_login(agent)

    content = client.get(PROFILE_URL).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.django_db
def test_profile_links_invite_for_editors_only(client, agent, editor):
    client.force_login(agent)
    agent_page = client.get(PROFILE_URL).content.decode()
    client.force_login(editor)
    editor_page = client.get(PROFILE_URL).content.decode()

    assert 'href="/compte/invitations/"' not in agent_page
    assert 'href="/compte/invitations/"' in editor_page


@pytest.mark.django_db
def test_profile_requires_names(client, agent):
    client.force_login(agent)

    response = client.post(
        PROFILE_URL, {"first_name": "", "last_name": "", "language": "fr"}
    )

    agent.refresh_from_db()
    assert response.status_code == 200
    content = response.content.decode()
    assert agent.first_name == "Camille"
    assert 'aria-describedby="id_first_name_error"' in content
    assert '<div id="id_first_name_error"><p class="field__error">' in content


@pytest.mark.django_db
def test_profile_invisible_name_is_missing(client, agent):
    client.force_login(agent)

    response = client.post(
        PROFILE_URL,
        {"first_name": "\u200b", "last_name": "Durand", "language": "fr"},
    )

    agent.refresh_from_db()
    assert response.status_code == 200
    assert agent.first_name == "Camille"
    assert 'aria-describedby="id_first_name_error"' in response.content.decode()


@pytest.mark.django_db
def test_profile_saves_name_without_override(client, agent):
    client.force_login(agent)

    client.post(
        PROFILE_URL,
        {
            "first_name": "Camille",
            "last_name": "Durand\u202e",
            "department": "Routes",
            "language": "fr",
        },
    )

    agent.refresh_from_db()
    assert agent.last_name == "Durand"


@pytest.mark.django_db
def test_display_name_without_override(agent):
    agent.last_name = "Durand \u202e"

    assert agent.display_name == "Camille Durand"
    assert agent.get_full_name() == "Camille Durand"


@pytest.mark.django_db
def test_profile_shows_lab_email_preference(client, agent):
    from ideation.models import NotificationPreference

    NotificationPreference.objects.create(user=agent, email_frequency="daily")
    client.force_login(agent)

    content = client.get(PROFILE_URL).content.decode()

    assert "Nouvelles du Smart Lab par courriel" in content
    assert 'href="/lab/notifications/"' in content
