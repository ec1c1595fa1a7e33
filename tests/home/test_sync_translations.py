"""Editors sync the English page after changing its French source page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from accounts.groups import EDITORS
from home.models import HomePage
from home.synced_translation import upsert_synced_translation


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        email="redaction@example.org", password="pass-for-tests"
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def french_page(db) -> HomePage:
    """A live French page with an English translation made through
    wagtail-localize, as the demo makes them."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    page = HomePage(
        title="Accueil", slug="accueil-sync", intro="Bonjour.", locale=french
    )
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    upsert_synced_translation(
        page, english, {"slug": "home-sync", "title": "Home", "intro": "Hello."}
    )
    return page


def get_translation(page: Page) -> Translation:
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page),
        target_locale__language_code="en",
    )


@pytest.mark.django_db
def test_editor_sees_sync_in_action_menu(client, editor, french_page):
    client.force_login(editor)
    source = TranslationSource.objects.get_for_instance(french_page)
    edit_url = reverse("wagtailadmin_pages:edit", args=[french_page.pk])
    update_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    menu_link = f'class="button" href="{update_url}?{urlencode({"next": edit_url})}"'

    response = client.get(edit_url)

    assert response.status_code == 200
    assert menu_link in response.content.decode()


@pytest.mark.django_db
def test_sync_hidden_for_untranslated_page(client, editor):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    page = HomePage(title="Seule", slug="seule", locale=french)
    Page.get_first_root_node().add_child(instance=page)
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    assert "/localize/update/" not in response.content.decode()


@pytest.mark.django_db
def test_editor_sync_marks_changed_segments(client, editor, french_page):
    client.force_login(editor)
    source = TranslationSource.objects.get_for_instance(french_page)
    update_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    total, translated = get_translation(french_page).get_progress()
    assert translated == total
    french_page.intro = "Bonjour à toutes et à tous."
    french_page.save_revision().publish()

    page_response = client.get(update_url)
    sync_response = client.post(update_url, {"publish_translations": ""})

    assert page_response.status_code == 200
    assert sync_response.status_code == 302
    source.refresh_from_db()
    segments = source.stringsegment_set.values_list("string__data", flat=True)
    assert "Bonjour à toutes et à tous." in segments
    assert "Bonjour." not in segments
    total, translated = get_translation(french_page).get_progress()
    assert translated == total - 1
    english = french_page.get_translation(Locale.objects.get(language_code="en"))
    assert english.intro == "Hello."
