"""A second run of the demo command keeps what people changed since the first."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from events.models import Venue
from home.models import SiteSettings, SpacePage
from resources.models import Theme
from store.models import OpeningHours, StoreSettings


def edit_and_publish(page: Page, **fields) -> Page:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_seed_demo_again_keeps_changes(demo_site):
    lab = SpacePage.objects.get(slug="smart-lab", locale__language_code="fr")
    lab = edit_and_publish(lab, title="Laboratoire", lead="Chapô revu.")
    english_lab = SpacePage.objects.get(
        translation_key=lab.translation_key, locale__language_code="en"
    )
    english_lab = edit_and_publish(english_lab, title="Lab", lead="New lead.")
    room = SpacePage.objects.get(slug="smart-room", locale__language_code="fr")
    edit_and_publish(room, slug="salle")
    lab_revision = lab.latest_revision_id
    theme = Theme.objects.filter(locale__language_code="fr").order_by("pk").first()
    theme.name = "Thème renommé"
    theme.save()
    venue = Venue.objects.order_by("pk").first()
    venue.address = "Nouvelle adresse"
    venue.save()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "accueil@example.org"
    site_settings.save()
    store_settings = StoreSettings.load()
    store_settings.loan_terms = "Conditions revues."
    store_settings.save()
    OpeningHours.objects.filter(weekday=0).delete()
    editor = get_user_model().objects.get(email="editeur@example.org")
    editor.first_name = "Inès"
    editor.set_password("mot-de-passe-choisi")
    editor.save()
    pages = Page.objects.count()

    call_command("seed_demo", verbosity=0)

    lab.refresh_from_db()
    english_lab.refresh_from_db()
    theme.refresh_from_db()
    venue.refresh_from_db()
    editor.refresh_from_db()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert lab.title == "Laboratoire"
    assert lab.lead == "Chapô revu."
    assert lab.latest_revision_id == lab_revision
    assert english_lab.title == "Lab"
    assert english_lab.lead == "New lead."
    assert Page.objects.count() == pages
    assert not SpacePage.objects.filter(
        slug="smart-room", locale__language_code="fr"
    ).exists()
    assert theme.name == "Thème renommé"
    assert venue.address == "Nouvelle adresse"
    assert site_settings.contact_email == "accueil@example.org"
    assert StoreSettings.load().loan_terms == "Conditions revues."
    assert not OpeningHours.objects.filter(weekday=0).exists()
    assert editor.first_name == "Inès"
    assert editor.check_password("mot-de-passe-choisi")


@pytest.mark.django_db
def test_seed_demo_again_recreates_deleted_page(demo_site):
    pages = Page.objects.count()
    SpacePage.objects.get(slug="smart-class", locale__language_code="fr").delete()
    SpacePage.objects.get(slug="smart-class", locale__language_code="en").delete()

    call_command("seed_demo", verbosity=0)

    french = SpacePage.objects.get(slug="smart-class", locale__language_code="fr")
    assert french.live
    english = french.get_translation_or_none(Locale.objects.get(language_code="en"))
    assert english is not None
    assert english.live
    assert Page.objects.count() == pages
