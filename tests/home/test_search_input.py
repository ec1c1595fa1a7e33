"""Search takes any text without a server error and hides closed boards."""

import pytest

from home.views import clean_search_query


@pytest.mark.parametrize(
    "raw, expected",
    [
        ('a"b', "a b"),
        ('"', ""),
        ("  idée   numérique ", "idée numérique"),
        ("tab\there", "tab here"),
    ],
)
def test_clean_search_query(raw, expected):
    assert clean_search_query(raw) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', 'a"b', "(", "*", "NEAR", "a:b", "^x", "-"])
def test_search_syntax_characters_do_not_fail(client, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/recherche/?q=%00", "/kiosk/a%00b/", "/smart-lab/idees/?q=a%00b", "/a%00b/"],
)
def test_nul_byte_in_address_is_rejected(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_site_search_hides_staff_only_challenge_ideas(client, django_user_model):
    from wagtail.models import Locale, Page

    from ideation.models import Audience, ChallengePage, Idea

    french = Locale.objects.get_or_create(language_code="fr")[0]
    challenge = ChallengePage(
        title="Défi interne",
        slug="defi-interne-recherche",
        problem="Un problème interne.",
        audience=Audience.STAFF,
        locale=french,
    )
    Page.get_first_root_node().add_child(instance=challenge)
    author = django_user_model.objects.create_user(
        email="auteur-recherche@example.org", password="auteur-recherche-123"
    )
    Idea.objects.create(
        board_key=challenge.translation_key,
        author=author,
        title="Rendez-vous confidentiel",
        language="fr",
    )
    partner = django_user_model.objects.create_user(
        email="partenaire-recherche@example.org",
        password="partenaire-recherche-123",
        kind="partner",
    )

    anonymous = client.get("/recherche/", {"q": "confidentiel"}).content.decode()
    client.force_login(partner)
    as_partner = client.get("/recherche/", {"q": "confidentiel"}).content.decode()
    client.force_login(author)
    as_agent = client.get("/recherche/", {"q": "confidentiel"}).content.decode()

    assert "Rendez-vous confidentiel" not in anonymous
    assert "Rendez-vous confidentiel" not in as_partner
    assert "Rendez-vous confidentiel" in as_agent


@pytest.mark.django_db
def test_staff_only_challenge_is_not_named_to_visitors(client, demo_site):
    from ideation.models import Audience, ChallengePage

    challenge = ChallengePage.objects.filter(locale__language_code="fr").first()
    ChallengePage.objects.filter(translation_key=challenge.translation_key).update(
        audience=Audience.STAFF
    )
    space = challenge.get_parent()

    pages = {
        "space": client.get(space.url).content.decode(),
        "sitemap": client.get("/plan-du-site/").content.decode(),
        "sitemap.xml": client.get("/sitemap.xml").content.decode(),
        "search": client.get("/recherche/", {"q": challenge.title}).content.decode(),
    }
    client.force_login(django_agent())
    as_agent = client.get("/plan-du-site/").content.decode()

    for name, html in pages.items():
        assert challenge.slug not in html, name
    assert challenge.slug in as_agent


def django_agent():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="agent@example.org")
