"""Demo resources: both languages, and the same counts after a second run."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from resources import demo_content as content
from resources.models import ResourceIndexPage, ResourcePage, Theme


@pytest.mark.django_db
def test_seed_demo_resources_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (ResourcePage.objects.count(), Theme.objects.count())

    call_command("seed_demo", verbosity=0)

    assert (ResourcePage.objects.count(), Theme.objects.count()) == counts
    assert ResourceIndexPage.objects.filter(locale__language_code="en").exists()
    assert ResourcePage.objects.filter(locale__language_code="en").exists()
    assert ResourcePage.objects.filter(featured=True, live=True).count() >= 3


def english_locale() -> Locale:
    return Locale.objects.get(language_code="en")


def synced_translation_errors(french: Theme) -> list[str]:
    """Return what is missing for the English theme to be a synced translation."""
    english = Theme.objects.filter(
        translation_key=french.translation_key, locale__language_code="en"
    ).first()
    if english is None:
        return [f"{french.slug}: no English theme"]
    source = TranslationSource.objects.filter(
        object_id=french.translation_key, locale=french.locale
    ).first()
    if source is None:
        return [f"{french.slug}: no translation source"]
    enabled = Translation.objects.filter(
        source=source, target_locale=english.locale, enabled=True
    )
    if not enabled.exists():
        return [f"{french.slug}: no enabled translation into English"]
    return []


@pytest.mark.django_db
def test_seed_demo_english_themes_are_synced():
    call_command("seed_demo", verbosity=0)

    errors = []
    for entry in content.THEMES:
        french = Theme.objects.get(slug=entry["slug"], locale__language_code="fr")
        errors += synced_translation_errors(french)
    english_names = set(
        Theme.objects.filter(locale__language_code="en").values_list("name", flat=True)
    )
    assert errors == []
    assert english_names == {entry["en"]["name"] for entry in content.THEMES}
    assert not StringTranslation.objects.filter(has_error=True).exists()


@pytest.mark.django_db
def test_seed_demo_theme_sync_uses_french_changes():
    call_command("seed_demo", verbosity=0)
    entry = content.THEMES[0]
    french = Theme.objects.get(slug=entry["slug"], locale__language_code="fr")
    french.description = "Une description toute neuve"
    french.save()

    source, _created = TranslationSource.update_or_create_from_instance(french)
    source.create_or_update_translation(english_locale(), fallback=True)

    english = Theme.objects.get(slug=entry["slug"], locale__language_code="en")
    assert english.name == entry["en"]["name"]
    assert english.description == "Une description toute neuve"
