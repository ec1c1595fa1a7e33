"""Search covers pages and ideas of the active language, page by page."""

import re

import pytest

from home.models import StandardPage
from home.views import SEARCH_QUERY_MAX_LENGTH, SEARCH_RESULTS_PER_PAGE

RESULT_LINK = re.compile(r'class="search-result__title"><a href="([^"]+)"')


def result_links(response) -> list[str]:
    return RESULT_LINK.findall(response.content.decode())


@pytest.mark.django_db
def test_search_english_query_returns_english_pages(client, demo_site):
    response = client.get("/en/recherche/", {"q": "Smart"})

    links = result_links(response)
    assert response.status_code == 200
    assert links
    assert all(link.startswith("/en/") for link in links)


@pytest.mark.django_db
def test_search_french_query_returns_french_pages(client, demo_site):
    response = client.get("/recherche/", {"q": "Smart"})

    links = result_links(response)
    assert links
    assert not any(link.startswith("/en/") for link in links)


@pytest.mark.django_db
def test_search_ideas_filtered_by_language(client, demo_site):
    from accounts.models import User

    # The demo's ideas are on the general board, which only staff read.
    client.force_login(
        User.objects.create_user(email="agent.search@example.org", password="x" * 12)
    )
    french = client.get("/recherche/", {"q": "formulaire"}).context["ideas"]
    english = client.get("/en/recherche/", {"q": "formulaire"}).context["ideas"]

    assert [idea.language for idea in french] == ["fr"]
    assert english == []


@pytest.mark.django_db
def test_search_no_match_shows_empty_state(client, home_pages):
    response = client.get("/recherche/", {"q": "xylophone"})

    assert response.status_code == 200
    assert "Aucun résultat ne correspond à votre recherche." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_search_caps_query_length(client, home_pages):
    response = client.get("/recherche/", {"q": "a" * 1000})

    assert response.status_code == 200
    assert len(response.context["query"]) == SEARCH_QUERY_MAX_LENGTH
    assert response.context["truncated"] is True


@pytest.mark.django_db
def test_search_paginates_results(client, home_pages):
    french_home, _english_home = home_pages
    for number in range(SEARCH_RESULTS_PER_PAGE + 2):
        page = StandardPage(title=f"Guide pratique {number}", slug=f"guide-{number}")
        french_home.add_child(instance=page)
        page.save_revision().publish()

    first = client.get("/recherche/", {"q": "guide"})
    second = client.get("/recherche/", {"q": "guide", "page": 2})

    assert len(result_links(first)) == SEARCH_RESULTS_PER_PAGE
    assert len(result_links(second)) == 2
    assert 'rel="next"' in first.content.decode()


@pytest.mark.django_db
def test_search_idea_excerpt_shows_text_not_markup(client, demo_site):
    from accounts.models import User
    from ideation import services
    from ideation.models import IdeaBoardPage

    agent = User.objects.create_user(
        email="agent.markup@example.org", password="x" * 12
    )
    board = IdeaBoardPage.objects.filter(locale__language_code="fr").first()
    services.post_idea(
        agent,
        board,
        "Guichet unique des demandes",
        "Regrouper **toutes** les demandes :\n- matériel\n- accès",
    )
    client.force_login(agent)

    content = client.get("/recherche/", {"q": "guichet"}).content.decode()

    assert "Regrouper toutes les demandes : matériel, accès" in content
    assert "**" not in content
