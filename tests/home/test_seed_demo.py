"""The demo command builds a bilingual site and can run again safely."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from events.models import EventPage, Venue
from home.models import AccessibilityStatus, HomePage, SiteSettings
from ideation.models import Idea, IdeaBoardPage, Vote
from store.models import Reservation, ReservationStatus


def count_objects() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "venues": Venue.objects.count(),
        "ideas": Idea.objects.count(),
        "votes": Vote.objects.count(),
        "images": get_image_model().objects.count(),
        "reservations": Reservation.objects.count(),
        "translation sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_twice_keeps_counts(demo_site):
    first = count_objects()

    call_command("seed_demo", verbosity=0)

    assert count_objects() == first
    assert first["ideas"] > 0
    assert first["votes"] > 0
    assert first["translations"] > 0


@pytest.mark.django_db
def test_seed_demo_home_page_is_site_root(demo_site):
    root = demo_site.root_page.specific

    assert isinstance(root, HomePage)
    assert root.locale.language_code == "fr"
    assert Site.objects.count() == 1


@pytest.mark.django_db
def test_seed_demo_english_pages_are_live(demo_site):
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    french_pages = Page.objects.filter(locale__language_code="fr", depth__gt=1)
    translated = set(english_pages.values_list("translation_key", flat=True))
    untranslated = {
        type(page).__name__
        for page in french_pages.specific()
        if page.translation_key not in translated
    }

    # The demo leaves one documentation resource in French only, to show how
    # the site and the kiosk handle a missing translation.
    assert untranslated <= {"ResourcePage"}
    assert not english_pages.filter(live=False).exists()
    assert HomePage.objects.get(locale__language_code="en").title == (
        "Welcome to the Smart Corner"
    )


@pytest.mark.django_db
def test_seed_demo_has_every_event_kind(demo_site):
    kinds = {page.kind for page in EventPage.objects.filter(locale__language_code="fr")}

    assert kinds >= {
        "masterclass",
        "round_table",
        "technology_workshop",
        "digital_cafe",
    }
    assert Venue.objects.filter(is_main_site=True).count() == 1
    assert Venue.objects.filter(is_main_site=False).count() >= 2


@pytest.mark.django_db
def test_seed_demo_accounts_sign_in(client, demo_site):
    for email in ("agent@example.org", "partenaire@example.org", "editeur@example.org"):
        assert client.login(username=email, password="smartcorner-demo"), email
        client.logout()
    partner = get_user_model().objects.get(email="partenaire@example.org")
    assert partner.is_partner
    assert partner.organisation


@pytest.mark.django_db
def test_seed_demo_ideas_share_one_board(demo_site):
    boards = IdeaBoardPage.objects.exact_type(IdeaBoardPage)

    assert boards.count() == 2
    assert len({board.board_key for board in boards}) == 1
    assert Idea.objects.filter(board_key=boards[0].board_key).count() > 0


@pytest.mark.django_db
def test_seed_demo_sets_accessibility_status(demo_site):
    settings = SiteSettings.for_site(demo_site)

    assert settings.accessibility_status == AccessibilityStatus.PARTIAL


@pytest.mark.django_db
def test_seed_demo_again_after_the_lab_was_used():
    """People hid an idea and closed the voting before the demo runs again."""
    from ideation import challenges, moderation
    from ideation.models import ChallengePage, Phase

    call_command("seed_demo", verbosity=0)
    facilitator = get_user_model().objects.get(email="animateur@example.org")
    board = ChallengePage.objects.order_by("pk").first()
    idea = Idea.objects.filter(board_key=board.board_key).order_by("pk").first()
    moderation.hide_idea(facilitator, idea.pk)
    challenges.set_phase(facilitator, board, Phase.RESULTS, None)
    votes = Vote.objects.count()

    call_command("seed_demo", verbosity=0)

    assert Idea.objects.get(pk=idea.pk).is_hidden
    assert Vote.objects.count() == votes


@pytest.mark.django_db
def test_seed_demo_round_tables_open_the_challenge(demo_site):
    from events.models import RoundTablePage
    from ideation.models import ChallengePage

    french = RoundTablePage.objects.filter(locale__language_code="fr").order_by("pk")[0]
    english = RoundTablePage.objects.get(
        translation_key=french.translation_key, locale__language_code="en"
    )
    challenges = {
        page.locale.language_code: page.pk for page in ChallengePage.objects.all()
    }

    assert french.board_id == challenges["fr"]
    assert english.board_id == challenges["en"]


def test_seed_demo_has_a_request_for_the_desk(demo_site):
    """Store staff trying the demo find a request to approve or reject."""
    waiting = Reservation.objects.get(status=ReservationStatus.REQUESTED)

    assert waiting.equipment_type.requires_approval
    assert waiting.start_date > timezone.localdate()
    assert waiting.events.filter(to_status=ReservationStatus.REQUESTED).exists()


def test_seed_demo_event_spaces_match_rooms(demo_site):
    """The programme's space filter: an event in the Smart Store's café is a
    Smart Store event, and events away from the main site are the Smart
    Room's, whose offer the Smart Tour takes out."""
    events = EventPage.objects.filter(locale__language_code="fr")

    for event in events:
        if not event.venue.is_main_site:
            assert event.space == "room", event.title
        elif event.room.startswith(("Smart Class", "Salle Smart Class")):
            assert event.space == "class", event.title
        elif event.room.startswith("Smart Store"):
            assert event.space == "store", event.title
        elif event.room.startswith("Smart Lab"):
            assert event.space == "lab", event.title
    assert {event.space for event in events} == {"room", "class", "store", "lab"}
