"""The demo's English pages are wagtail-localize translations of the French ones."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from home import demo_content as content
from home.models import HomePage, SpacePage


def english_version(page: Page) -> Page:
    return page.get_translation(
        Page.objects.filter(locale__language_code="en").first().locale
    ).specific


@pytest.mark.django_db
def test_demo_english_pages_have_source_and_translation(demo_site):
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    missing = []

    for page in english_pages:
        source = TranslationSource.objects.filter(
            object_id=page.translation_key, locale__language_code="fr"
        ).first()
        if source is None or not Translation.objects.filter(
            source=source, target_locale=page.locale, enabled=True
        ):
            missing.append(page.title)

    assert english_pages.count() > 20
    assert missing == []
    assert not StringTranslation.objects.filter(has_error=True).exists()


@pytest.mark.django_db
def test_demo_english_slugs_are_translated(demo_site):
    """An untranslated slug made the admin warn of missing translations on
    each publication of an English demo page."""
    untranslated = []

    for translation in Translation.objects.filter(target_locale__language_code="en"):
        for segment in StringSegment.objects.filter(
            source=translation.source, context__path="slug"
        ):
            if not StringTranslation.objects.filter(
                translation_of=segment.string,
                context=segment.context,
                locale=translation.target_locale,
            ).exists():
                untranslated.append(translation.source.object_repr)

    assert untranslated == []


@pytest.mark.django_db
def test_demo_english_texts_are_string_translations(demo_site):
    store = SpacePage.objects.get(locale__language_code="fr", slug="smart-store")
    expected = next(entry for entry in content.SPACES if entry["slug"] == "smart-store")

    stored = set(
        StringTranslation.objects.filter(
            context__object_id=store.translation_key, locale__language_code="en"
        ).values_list("data", flat=True)
    )

    # wagtail-localize stores plain text as HTML, so "&" becomes "&amp;".
    assert StringValue.from_plaintext(expected["en"]["lead"]).data in stored
    assert StringValue.from_plaintext(expected["en"]["location"]).data in stored
    assert english_version(store).lead == expected["en"]["lead"]


@pytest.mark.django_db
def test_demo_sync_updates_untranslated_segments(
    demo_site, admin_client, django_capture_on_commit_callbacks
):
    store = SpacePage.objects.get(locale__language_code="fr", slug="smart-store")
    expected = next(entry for entry in content.SPACES if entry["slug"] == "smart-store")
    store.lead = "Un nouveau chapeau pour la boutique numérique."
    store.save_revision().publish()
    source = TranslationSource.objects.get(
        object_id=store.translation_key, locale=store.locale
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    english = english_version(store)
    assert response.status_code == 302
    assert english.lead == "Un nouveau chapeau pour la boutique numérique."
    assert english.location == expected["en"]["location"]
    assert english.opening_hours == expected["en"]["opening_hours"]
    assert english.body[1].value.source == expected["en"]["body"][1][1]
    assert english.live_revision_id == english.latest_revision_id


@pytest.mark.django_db
def test_demo_admin_offers_translation_actions(demo_site, admin_client):
    home = HomePage.objects.get(locale__language_code="fr")
    english = english_version(home)
    source = TranslationSource.objects.get(
        object_id=home.translation_key, locale=home.locale
    )

    french_edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    english_edit = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[english.pk])
    )

    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert french_edit.status_code == 200
    assert sync_url in french_edit.content.decode()
    assert english_edit.status_code == 200
    templates = {template.name for template in english_edit.templates}
    assert "wagtail_localize/admin/edit_translation.html" in templates


@pytest.mark.django_db
def test_demo_english_pages_name_places_in_english(demo_site):
    """Rooms, topics and owning departments were French on English pages."""
    from events.models import EventPage
    from store.models import ServicePage

    french_words = ("salle", "Salle", "Direction", "Messagerie", "Atelier", "Hall")
    english_events = EventPage.objects.filter(locale__language_code="en")
    english_services = ServicePage.objects.filter(locale__language_code="en")
    texts = [
        *(f"{page.pk} room {page.room}" for page in english_events),
        *(
            f"{page.pk} topic {getattr(page.specific, 'topic', '')}"
            for page in english_events
        ),
        *(
            f"{page.pk} department {page.owning_department}"
            for page in english_services
        ),
    ]

    assert english_events.exists()
    assert english_services.exists()
    assert [text for text in texts if any(word in text for word in french_words)] == []


@pytest.mark.django_db
def test_demo_english_quarter_title(demo_site):
    """The English quarter page's title showed "T4", the French abbreviation of
    trimestre, while the programme's quarter filter showed "Q4"."""
    from events.models import QuarterPage

    english_page = QuarterPage.objects.get(locale__language_code="en")
    quarter = english_page.quarter

    assert english_page.title == (
        f"This quarter’s programme (Q{quarter.number} {quarter.year})"
    )
