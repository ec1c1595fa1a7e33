"""Translating resources and themes through wagtail-localize, as editors do."""

import pytest
from wagtail_localize.models import TranslationSource

from resources.models import ResourcePage, Theme
from tests.resources.conftest import add_resource


@pytest.mark.django_db
def test_localize_translates_resource_and_keeps_themes(
    resource_index, english, security
):
    page = add_resource(
        resource_index,
        "Mots de passe",
        themes=[security],
        kind="tool_sheet",
        reading_minutes=4,
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)

    # fallback=True keeps the source text where no translation exists yet.
    source.create_or_update_translation(english, fallback=True)

    translated = ResourcePage.objects.get(
        translation_key=page.translation_key, locale=english
    )
    assert translated.kind == "tool_sheet"
    assert translated.reading_minutes == 4
    assert list(translated.themes.values_list("slug", flat=True)) == ["securite"]


@pytest.mark.django_db
def test_localize_translates_theme_and_keeps_slug(french, english):
    theme = Theme.objects.create(name="Données", slug="donnees", locale=french)
    source, _created = TranslationSource.get_or_create_from_instance(theme)

    # fallback=True keeps the source text where no translation exists yet.
    source.create_or_update_translation(english, fallback=True)

    translated = Theme.objects.get(
        translation_key=theme.translation_key, locale=english
    )
    assert translated.slug == "donnees"
