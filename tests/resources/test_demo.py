"""Demo resources: both languages, and the same counts after a second run."""

import logging

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from resources import demo_content as content
from resources.models import ResourceIndexPage, ResourcePage, Theme


@pytest.mark.django_db
def test_seed_demo_resources_idempotent(seeded_demo):
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
def test_seed_demo_english_themes_are_synced(seeded_demo):

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
def test_seed_demo_theme_sync_uses_french_changes(seeded_demo):
    entry = content.THEMES[0]
    french = Theme.objects.get(slug=entry["slug"], locale__language_code="fr")
    french.description = "Une description toute neuve"
    french.save()

    source, _created = TranslationSource.update_or_create_from_instance(french)
    source.create_or_update_translation(english_locale(), fallback=True)

    english = Theme.objects.get(slug=entry["slug"], locale__language_code="en")
    assert english.name == entry["en"]["name"]
    assert english.description == "Une description toute neuve"


def seed_plain_themes() -> list[Theme]:
    """Create the demo themes as versions before synced translations did.

    Each English theme is a plain copy of its French one: same translation
    key, but no wagtail-localize source or translation. Returns the English
    themes.
    """
    french_locale = Locale.objects.get_or_create(language_code="fr")[0]
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english_themes = []
    for entry in content.THEMES:
        french = Theme.objects.create(
            slug=entry["slug"], locale=french_locale, **entry["fr"]
        )
        english = french.copy_for_translation(english_locale)
        for name, value in entry["en"].items():
            setattr(english, name, value)
        english.save()
        english_themes.append(english)
    return english_themes


def get_french_theme(english: Theme) -> Theme:
    return Theme.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )


def count_translations(theme: Theme) -> int:
    """Count wagtail-localize's Translation records of a French theme, enabled
    or not."""
    return Translation.objects.filter(source__object_id=theme.translation_key).count()


@pytest.mark.django_db
def test_seed_demo_converts_plain_english_themes():
    english_themes = seed_plain_themes()
    before = {theme.pk: (theme.name, theme.description) for theme in english_themes}

    call_command("seed_demo", verbosity=0)

    errors = []
    for english in english_themes:
        errors += synced_translation_errors(get_french_theme(english))
    after = {
        theme.pk: (theme.name, theme.description)
        for theme in Theme.objects.filter(locale__language_code="en")
    }
    assert errors == []
    assert after == before
    assert not StringTranslation.objects.filter(has_error=True).exists()


@pytest.mark.django_db
def test_seed_demo_conversion_runs_once():
    seed_plain_themes()
    call_command("seed_demo", verbosity=0)
    counts = (Translation.objects.count(), StringTranslation.objects.count())

    call_command("seed_demo", verbosity=0)

    assert (Translation.objects.count(), StringTranslation.objects.count()) == counts


@pytest.mark.django_db
def test_seed_demo_conversion_keeps_english_edits():
    english = seed_plain_themes()[0]
    english.name = "Teamwork tools"
    english.save()

    call_command("seed_demo", verbosity=0)
    french = get_french_theme(english)
    french.description = "Une description toute neuve"
    french.save()
    source, _created = TranslationSource.update_or_create_from_instance(french)
    source.create_or_update_translation(english_locale(), fallback=True)

    english.refresh_from_db()
    assert synced_translation_errors(french) == []
    assert english.name == "Teamwork tools"
    assert english.description == "Une description toute neuve"


def change_english_slug(english: Theme) -> None:
    english.slug = "collaboration-tools"
    english.save()


def empty_english_description(english: Theme) -> None:
    english.description = ""
    english.save()


def empty_french_description(english: Theme) -> None:
    french = get_french_theme(english)
    french.description = ""
    french.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "changed_field"),
    [
        (change_english_slug, "slug"),
        (empty_english_description, "description"),
        (empty_french_description, "description"),
    ],
)
def test_seed_demo_leaves_unsafe_copy_plain(change, changed_field, caplog):
    """A conversion that would change a value of the English theme is undone."""
    english = seed_plain_themes()[0]
    change(english)
    english.refresh_from_db()
    before = (english.name, english.slug, english.description)

    with caplog.at_level(logging.INFO, logger="home.synced_translation"):
        call_command("seed_demo", verbosity=0)

    english.refresh_from_db()
    expected_log = (
        f"plain translation {english.pk} of resources.Theme "
        f"{get_french_theme(english).pk} into en left unsynced: syncing would "
        f"change {changed_field}"
    )
    assert (english.name, english.slug, english.description) == before
    assert count_translations(get_french_theme(english)) == 0
    assert expected_log in caplog.messages


@pytest.mark.django_db
def test_seed_demo_keeps_stopped_translation(seeded_demo):
    """A disabled Translation means an editor stopped syncing: it stays so."""
    french = Theme.objects.get(
        slug=content.THEMES[0]["slug"], locale__language_code="fr"
    )
    Translation.objects.filter(source__object_id=french.translation_key).update(
        enabled=False
    )
    english = french.get_translation(english_locale())
    english.name = "Renamed by hand"
    english.save()

    call_command("seed_demo", verbosity=0)

    english.refresh_from_db()
    translations = Translation.objects.filter(source__object_id=french.translation_key)
    assert english.name == "Renamed by hand"
    assert translations.count() == 1
    assert not translations.get().enabled
