"""Resource pages and the resource index: rendering, filters, translation."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from resources.models import ResourcePage
from tests.resources.conftest import add_resource, translate


@pytest.mark.django_db
def test_index_lists_live_resources_of_its_language(client, resource_index, english):
    guide = add_resource(resource_index, "Guide de la messagerie")
    translate(guide, english, "E-mail guide")
    add_resource(resource_index, "Brouillon caché", live=False)

    french = client.get("/ressources/")
    english_page = client.get("/en/resources/")

    assert french.status_code == 200
    assert "Guide de la messagerie" in french.content.decode()
    assert "Brouillon caché" not in french.content.decode()
    assert '<html lang="en">' in english_page.content.decode()
    assert "E-mail guide" in english_page.content.decode()
    assert ">Guide de la messagerie</a>" not in english_page.content.decode()


@pytest.mark.django_db
def test_index_filters_by_theme_kind_and_level(
    client, resource_index, security, office
):
    add_resource(resource_index, "Mots de passe", themes=[security], kind="tool_sheet")
    add_resource(resource_index, "Tableur", themes=[office], level="advanced")

    by_theme = client.get("/ressources/", {"theme": "securite"}).content.decode()
    by_kind = client.get("/ressources/", {"kind": "guide"}).content.decode()
    by_level = client.get("/ressources/", {"level": "advanced"}).content.decode()

    assert "Mots de passe" in by_theme
    assert "Tableur" not in by_theme
    assert "Tableur" in by_kind
    assert "Mots de passe" not in by_kind
    assert "Tableur" in by_level
    assert "Mots de passe" not in by_level


@pytest.mark.django_db
def test_index_unknown_filter_shows_error_and_keeps_others(client, resource_index):
    add_resource(resource_index, "Tableur", level="advanced")
    add_resource(resource_index, "Messagerie", level="beginner")

    response = client.get("/ressources/", {"kind": "<script>", "level": "advanced"})

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["filter_form"].errors["kind"]
    assert "<script>" not in html
    assert "Tableur" in html
    assert "Messagerie" not in html


@pytest.mark.django_db
def test_english_theme_filter_uses_shared_slug(
    client, resource_index, english, security
):
    source = add_resource(resource_index, "Mots de passe", themes=[security])
    translate(source, english, "Passwords")

    response = client.get("/en/resources/", {"theme": "securite"})

    html = response.content.decode()
    assert "Passwords" in html
    assert "Security" in html


@pytest.mark.django_db
def test_translation_keeps_themes(resource_index, english, security):
    source = add_resource(resource_index, "Mots de passe", themes=[security])

    translated = translate(source, english, "Passwords")

    assert list(translated.themes.values_list("slug", flat=True)) == ["securite"]


@pytest.mark.django_db
def test_resource_page_renders_in_both_languages(client, resource_index, english):
    page = add_resource(
        resource_index,
        "Référentiel RGAA",
        kind="external_reference",
        external_url="https://accessibilite.numerique.gouv.fr/",
        reading_minutes=12,
    )
    translated = translate(page, english, "RGAA standard")

    french = client.get(page.url)
    english_page = client.get(translated.url)

    assert french.status_code == 200
    assert "12 minutes" in french.content.decode()
    assert "https://accessibilite.numerique.gouv.fr/" in french.content.decode()
    assert english_page.status_code == 200
    assert '<html lang="en">' in english_page.content.decode()
    assert "RGAA standard" in english_page.content.decode()


@pytest.mark.django_db
def test_untranslated_resource_is_not_found_in_english(client, resource_index):
    add_resource(resource_index, "Fiche tableau blanc")

    response = client.get("/en/resources/fiche-tableau-blanc/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_external_reference_needs_address_to_publish(resource_index):
    page = ResourcePage(title="Sans lien", kind="external_reference")

    with pytest.raises(ValidationError) as raised:
        resource_index.add_child(instance=page)

    assert "external_url" in raised.value.message_dict


@pytest.mark.django_db
def test_draft_of_external_reference_skips_address_check(resource_index):
    page = ResourcePage(title="Brouillon", kind="external_reference")
    page.skip_publish_checks = True

    page.clean()

    assert page.external_url == ""


@pytest.mark.django_db
def test_reading_time_estimated_from_words():
    words = " ".join(["mot"] * 450)
    page = ResourcePage(title="Long", summary="", body=[("paragraph", RichText(words))])

    assert page.reading_time == 3


@pytest.mark.django_db
def test_reading_time_uses_editor_figure():
    page = ResourcePage(title="Court", reading_minutes=7)

    assert page.reading_time == 7


@pytest.mark.django_db
def test_reading_time_counts_every_block():
    words = " ".join(["mot"] * 150)
    page = ResourcePage(
        title="Long",
        summary="",
        body=[
            ("heading", "Première partie"),
            ("paragraph", RichText(f"<p>{words}</p>")),
            ("heading", "Deuxième partie"),
            ("paragraph", RichText(f"<p>{words}</p>")),
            ("quote", {"text": words, "author": "Une agente"}),
        ],
    )

    assert page.reading_time == 3


@pytest.mark.django_db
def test_reading_time_counts_words_between_tags():
    items = "".join(["<li>mot</li>"] * 401)
    page = ResourcePage(
        title="Liste", summary="", body=[("paragraph", RichText(f"<ul>{items}</ul>"))]
    )

    assert page.reading_time == 3


@pytest.mark.django_db
def test_reading_time_unknown_without_body(client, resource_index):
    add_resource(
        resource_index,
        "Référentiel externe",
        kind="external_reference",
        external_url="https://example.org/referentiel",
    )
    page = ResourcePage.objects.get(title="Référentiel externe")

    html = client.get("/ressources/").content.decode()

    assert page.reading_time is None
    assert "Référentiel externe" in html
    assert "min de lecture" not in html


@pytest.mark.django_db
def test_search_finds_resources_of_active_language(client, resource_index, english):
    page = add_resource(resource_index, "Chiffrement des courriels")
    translate(page, english, "Encrypting e-mails")

    french = client.get("/recherche/", {"q": "Chiffrement"}).content.decode()
    english_page = client.get("/en/recherche/", {"q": "Encrypting"}).content.decode()

    assert "/ressources/chiffrement-des-courriels/" in french
    assert "/en/resources/chiffrement-des-courriels/" in english_page
    assert "/en/resources/" not in french
