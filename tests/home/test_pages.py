"""Every page type renders in both languages, with the right URLs and frame."""

import re

import pytest
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage
from home.models import HomePage, LegalPage, SpacePage, StandardPage
from ideation.models import IdeaBoardPage

HTML_LANG = re.compile(r'<html lang="([a-z-]+)"')


@pytest.fixture
def agent_client(client, db):
    """A staff member's client: the general boards are internal."""
    from accounts.models import User

    agent = User.objects.create_user(
        email="agent.pages@example.org", password="agent-pages-password"
    )
    client.force_login(agent)
    return client


def html_lang(response) -> str:
    match = HTML_LANG.search(response.content.decode())
    return match.group(1) if match else ""


def demo_pages(locale: Locale) -> list[Page]:
    """Return one live page of every page type of the demo site in ``locale``."""
    pages = [
        HomePage.objects.get(locale=locale),
        SpacePage.objects.filter(locale=locale).first(),
        LegalPage.objects.filter(locale=locale, kind="legal_notice").get(),
        LegalPage.objects.filter(locale=locale, kind="personal_data").get(),
        LegalPage.objects.filter(locale=locale, kind="accessibility").get(),
        EventIndexPage.objects.get(locale=locale),
        IdeaBoardPage.objects.filter(locale=locale).exact_type(IdeaBoardPage).get(),
    ]
    for kind in ("masterclass", "round_table", "technology_workshop", "digital_cafe"):
        event = next(
            page.specific
            for page in EventPage.objects.filter(locale=locale)
            if page.kind == kind
        )
        pages.append(event)
    return pages


def add_standard_page(home: HomePage, title: str, slug: str) -> StandardPage:
    page = StandardPage(title=title, slug=slug, lead="Texte d’introduction.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_pages_render_in_french_and_english(agent_client, demo_site):
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    french_home = HomePage.objects.get(locale=french)
    standard = add_standard_page(french_home, "Foire aux questions", "faq")
    standard_en = standard.copy_for_translation(english)
    standard_en.title = "Frequently asked questions"
    standard_en.save_revision().publish()

    for locale, language in ((french, "fr"), (english, "en")):
        pages = [*demo_pages(locale), StandardPage.objects.get(locale=locale)]
        for page in pages:
            url = page.get_url()
            response = agent_client.get(url)

            assert response.status_code == 200, url
            assert html_lang(response) == language, url
            assert page.title in response.content.decode(), url


@pytest.mark.django_db
def test_every_demo_page_type_renders(agent_client, demo_site):
    """Render one live page of each page type the demo has, in each language."""
    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        seen.setdefault((type(page), page.locale.language_code), page)

    for (model, language), page in sorted(
        seen.items(), key=lambda item: (item[0][0].__name__, item[0][1])
    ):
        response = agent_client.get(page.get_url())

        assert response.status_code == 200, (model.__name__, page.get_url())
        assert html_lang(response) == language, (model.__name__, page.get_url())
    assert len({model for model, _language in seen}) >= 10


@pytest.mark.django_db
def test_pages_english_urls_have_prefix(demo_site):
    english = Locale.objects.get(language_code="en")

    urls = [page.get_url() for page in demo_pages(english)]

    assert all(url.startswith("/en/") for url in urls), urls


@pytest.mark.django_db
def test_views_render_in_french_and_english(client, home_pages):
    for prefix, language in (("", "fr"), ("/en", "en")):
        for path in ("/recherche/", "/plan-du-site/", "/compte/connexion/"):
            response = client.get(f"{prefix}{path}")

            assert response.status_code == 200, path
            assert html_lang(response) == language, path


@pytest.mark.django_db
def test_root_ignores_accept_language(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert html_lang(response) == "fr"


@pytest.mark.django_db
def test_unknown_language_prefix_returns_404(client, home_pages):
    for path in ("/de/", "/de/programme/", "/es/recherche/"):
        response = client.get(path)

        assert response.status_code == 404, path


@pytest.mark.django_db
def test_admin_reachable_outside_language_prefix(client, home_pages):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert b"wagtail" in response.content.lower()


@pytest.mark.django_db
def test_admin_not_served_under_english_prefix(client, home_pages):
    response = client.get("/en/admin/")

    assert response.status_code in {301, 302, 404}
    if response.status_code != 404:
        assert response["Location"].startswith("/admin/")


@pytest.mark.django_db
def test_language_switcher_links_to_translation(client, demo_site):
    english = Locale.objects.get(language_code="en")
    programme = EventIndexPage.objects.get(locale__language_code="fr")
    english_url = programme.get_translation(english).get_url()

    response = client.get(programme.get_url())

    assert f'href="{english_url}" hreflang="en"' in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_falls_back_to_home(client, home_pages, english):
    french_home, english_home = home_pages
    untranslated = add_standard_page(french_home, "Actualités", "actualites")

    response = client.get(untranslated.get_url())

    assert f'href="{english_home.get_url()}" hreflang="en"' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_english_home_links_to_english_pages(client, demo_site):
    response = client.get("/en/")

    content = response.content.decode()
    space_links = re.findall(r'class="card__link" href="([^"]+)"', content)
    assert space_links
    assert all(link.startswith("/en/") for link in space_links)


@pytest.mark.django_db
def test_footer_shows_accessibility_status(client, demo_site):
    french = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert "Accessibilité\u00a0: partiellement conforme" in french
    assert "Accessibility: partially compliant" in english
    assert 'href="/plan-du-site/"' in french
    assert "Déclaration d’accessibilité" in french


@pytest.mark.django_db
def test_frame_has_skip_link_and_landmarks(client, home_pages):
    content = client.get("/").content.decode()

    assert 'href="#content">Aller au contenu' in content
    assert '<main id="content"' in content
    assert "<header" in content
    assert "<footer" in content
    assert 'role="search"' in content


@pytest.mark.django_db
def test_moving_translated_page_keeps_translation(agent_client, demo_site):
    english = Locale.objects.get(language_code="en")
    board = IdeaBoardPage.objects.exact_type(IdeaBoardPage).get(
        locale__language_code="fr"
    )
    new_parent = SpacePage.objects.get(locale__language_code="fr", space="class")

    board.move(new_parent, pos="last-child")
    board.refresh_from_db()
    translation = board.get_translation(english)
    response = agent_client.get(translation.get_url())

    assert board.get_parent().pk == new_parent.pk
    assert response.status_code == 200
    assert html_lang(response) == "en"


@pytest.mark.django_db
def test_sitemap_lists_pages_of_active_language(client, demo_site):
    french = client.get("/plan-du-site/").content.decode()
    english = client.get("/en/plan-du-site/").content.decode()

    assert "Mentions légales" in french
    assert "Legal notice" not in french
    assert "Legal notice" in english
    assert "Mentions légales" not in english
