"""Kiosk pages: the screen token, kiosk-only links, QR codes, translations."""

import datetime
import re

import pytest
from django.utils import timezone

from kiosk.models import Screen, ShortLink, ShortLinkHit
from tests.kiosk.conftest import SCREEN_TOKEN, add_event, later_today
from tests.resources.conftest import add_resource, translate

HREF = re.compile(r'href="([^"]*)"')
KIOSK_PAGES = ["", "ressources/", "aujourdhui/", "semaine/", "en/", "en/resources/"]


def hrefs(response) -> list[str]:
    return HREF.findall(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["", "en/", "ressources/", "state/"])
def test_wrong_token_not_found(client, screen, path):
    response = client.get(f"/kiosk/not-the-token/{path}")

    assert response.status_code == 404


@pytest.mark.django_db
def test_inactive_screen_not_found(client, screen, kiosk_url):
    Screen.objects.filter(pk=screen.pk).update(is_active=False)

    response = client.get(kiosk_url())

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", KIOSK_PAGES)
def test_kiosk_page_links_stay_in_kiosk(
    client, screen, kiosk_url, resource_index, path
):
    add_resource(resource_index, "Guide de la messagerie", featured=True)

    response = client.get(kiosk_url(path))

    links = [link for link in hrefs(response) if not link.startswith("/static/")]
    assert response.status_code == 200
    assert links
    assert all(link.startswith(f"/kiosk/{SCREEN_TOKEN}/") for link in links), links
    assert "wagtail-userbar" not in response.content.decode()
    assert "main-nav" not in response.content.decode()


@pytest.mark.django_db
def test_kiosk_language_in_url(client, screen, kiosk_url, resource_index):
    french = client.get(kiosk_url()).content.decode()
    english_page = client.get(kiosk_url("en/")).content.decode()

    assert '<html lang="fr"' in french
    assert '<html lang="en"' in english_page
    assert "Accueil" in french
    assert "Home" in english_page


@pytest.mark.django_db
def test_kiosk_has_no_history_and_no_inline_script(client, screen, kiosk_url):
    response = client.get(kiosk_url())

    html = response.content.decode()
    assert 'hx-history="false"' in html
    assert '"historyCacheSize": 0' in html
    assert "<script>" not in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_external_resource_shows_qr_code(client, screen, kiosk_url, resource_index):
    page = add_resource(
        resource_index,
        "Référentiel RGAA",
        kind="external_reference",
        external_url="https://accessibilite.numerique.gouv.fr/",
    )

    response = client.get(kiosk_url(f"ressources/{page.pk}/"))

    html = response.content.decode()
    link = ShortLink.objects.get(target_url="https://accessibilite.numerique.gouv.fr/")
    assert "<svg" in html
    assert f"/kiosk/r/{link.code}/" in html
    assert 'href="https://accessibilite' not in html


@pytest.mark.django_db
def test_rich_text_links_become_qr_codes(client, screen, kiosk_url, resource_index):
    from wagtail.rich_text import RichText

    body = [
        (
            "paragraph",
            RichText('<p>Voir <a href="https://example.org/doc">la doc</a>.</p>'),
        )
    ]
    page = add_resource(resource_index, "Avec lien", body=body)

    html = client.get(kiosk_url(f"ressources/{page.pk}/")).content.decode()

    assert 'href="https://example.org/doc"' not in html
    assert '<span class="kiosk-unlinked">la doc</span>' in html
    assert ShortLink.objects.filter(target_url="https://example.org/doc").exists()


@pytest.mark.django_db
def test_short_link_counts_scan_and_redirects(client):
    link = ShortLink.objects.create(
        code="abc2345",
        target_url="https://example.org/",
        target_hash=ShortLink.hash_target("https://example.org/"),
    )

    response = client.get("/kiosk/r/abc2345/")

    assert response.status_code == 302
    assert response["Location"] == "https://example.org/"
    assert ShortLinkHit.objects.filter(link=link).count() == 1


@pytest.mark.django_db
def test_unknown_short_link_not_found(client):
    response = client.get("/kiosk/r/nothing/")

    assert response.status_code == 404
    assert ShortLinkHit.objects.count() == 0


@pytest.mark.django_db
def test_short_link_reused_for_same_target(client, screen, kiosk_url, resource_index):
    page = add_resource(
        resource_index,
        "Vidéo",
        kind="video_tutorial",
        external_url="https://videos.example.org/1",
    )

    client.get(kiosk_url(f"ressources/{page.pk}/"))
    client.get(kiosk_url(f"en/resources/{page.pk}/"))

    assert (
        ShortLink.objects.filter(target_url="https://videos.example.org/1").count() == 1
    )


@pytest.mark.django_db
def test_untranslated_resource_shown_in_original(
    client, screen, kiosk_url, resource_index
):
    page = add_resource(resource_index, "Fiche tableau blanc")

    response = client.get(kiosk_url(f"en/resources/{page.pk}/"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "not translated yet" in html
    assert 'lang="fr"' in html
    assert "Fiche tableau blanc" in html


@pytest.mark.django_db
def test_translated_resource_shown_in_english(
    client, screen, kiosk_url, resource_index, english
):
    page = add_resource(resource_index, "Mots de passe")
    translate(page, english, "Passwords")

    html = client.get(kiosk_url(f"en/resources/{page.pk}/")).content.decode()

    assert "Passwords" in html
    assert "not translated yet" not in html


@pytest.mark.django_db
def test_withdrawn_resource_gives_kiosk_not_found(
    client, screen, kiosk_url, resource_index
):
    page = add_resource(resource_index, "Retiré")
    page.unpublish()

    response = client.get(kiosk_url(f"ressources/{page.pk}/"))

    assert response.status_code == 404
    assert 'id="kiosk-app"' in response.content.decode()


@pytest.mark.django_db
def test_theme_page_lists_theme_resources(
    client, screen, kiosk_url, resource_index, security
):
    add_resource(resource_index, "Mots de passe", themes=[security])
    add_resource(resource_index, "Tableur")

    html = client.get(kiosk_url("ressources/theme/securite/")).content.decode()

    assert "Mots de passe" in html
    assert "Tableur" not in html


@pytest.mark.django_db
def test_unknown_theme_gives_kiosk_not_found(client, screen, kiosk_url, resource_index):
    response = client.get(kiosk_url("ressources/theme/inconnu/"))

    assert response.status_code == 404


@pytest.mark.django_db
def test_today_and_week_list_events(client, screen, kiosk_url, programme):
    add_event(programme, "Café numérique du jour", later_today())
    in_three_days = timezone.now() + datetime.timedelta(days=3)
    add_event(programme, "Atelier de jeudi", in_three_days)
    add_event(programme, "Dans un mois", timezone.now() + datetime.timedelta(days=30))

    today = client.get(kiosk_url("aujourdhui/")).content.decode()
    week = client.get(kiosk_url("semaine/")).content.decode()

    assert "Café numérique du jour" in today
    assert "Atelier de jeudi" not in today
    assert "Atelier de jeudi" in week
    assert "Dans un mois" not in week


@pytest.mark.django_db
def test_attract_screen_shows_highlights(
    client, screen, kiosk_url, programme, resource_index
):
    add_event(programme, "Masterclass agenda", later_today())
    add_resource(resource_index, "Guide à la une", featured=True)
    add_resource(resource_index, "Guide ordinaire", featured=False)

    html = client.get(kiosk_url()).content.decode()

    assert "Masterclass agenda" in html
    assert "Guide à la une" in html
    assert "Guide ordinaire" not in html


@pytest.mark.django_db
def test_closed_screen_shows_opening_hours(client, screen, kiosk_url):
    now = timezone.localtime()
    opens = (now + datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0)
    closes = (now + datetime.timedelta(hours=3)).time().replace(second=0, microsecond=0)
    Screen.objects.filter(pk=screen.pk).update(opens_at=opens, closes_at=closes)

    html = client.get(kiosk_url()).content.decode()

    assert "kiosk-closed" in html


def test_screen_open_hours_overnight():
    screen = Screen(opens_at=datetime.time(22), closes_at=datetime.time(2))
    paris = timezone.get_default_timezone()

    assert screen.is_open(datetime.datetime(2026, 3, 29, 23, 30, tzinfo=paris))
    assert screen.is_open(datetime.datetime(2026, 3, 29, 1, 30, tzinfo=paris))
    assert not screen.is_open(datetime.datetime(2026, 3, 29, 12, 0, tzinfo=paris))


def test_screen_without_hours_always_open():
    assert Screen().is_open()


@pytest.mark.django_db
def test_attract_screen_shows_top_ideas(client, screen, kiosk_url, resource_index):
    from django.contrib.auth import get_user_model

    from ideation.models import Audience, ChallengePage, Idea, IdeaStatus, StatusKind

    home = resource_index.get_parent()
    board = ChallengePage(
        title="Défi ouvert",
        slug="defi-ouvert-borne",
        problem="Un problème partagé.",
        audience=Audience.PARTNERS,
    )
    home.add_child(instance=board)
    board.save_revision().publish()
    author = get_user_model().objects.create_user(email="a@example.org", password="x")
    withdrawn = IdeaStatus.objects.get(kind=StatusKind.WITHDRAWN)
    for title, votes, status in [
        ("Idée peu soutenue", 1, None),
        ("Idée très soutenue", 9, None),
        ("Idée retirée", 20, withdrawn),
    ]:
        Idea.objects.create(
            board_key=board.translation_key,
            author=author,
            title=title,
            language="fr",
            vote_count=votes,
            status=status,
        )

    html = client.get(kiosk_url()).content.decode()

    assert "Idée très soutenue" in html
    assert html.index("Idée très soutenue") < html.index("Idée peu soutenue")
    assert "Idée retirée" not in html
    assert "a@example.org" not in html


@pytest.mark.django_db
def test_attract_screen_hides_internal_boards(
    client, screen, kiosk_url, resource_index
):
    from django.contrib.auth import get_user_model

    from ideation.models import Audience, ChallengePage, Idea, IdeaBoardPage

    home = resource_index.get_parent()
    board = IdeaBoardPage(title="Boîte à idées", slug="idees-generales")
    home.add_child(instance=board)
    board.save_revision().publish()
    challenge = ChallengePage(
        title="Défi réservé aux agents",
        slug="defi-interne-borne",
        problem="Un problème interne.",
        audience=Audience.STAFF,
    )
    home.add_child(instance=challenge)
    challenge.save_revision().publish()
    author = get_user_model().objects.create_user(
        email="auteur-borne@example.org", password="auteur-borne-123"
    )
    for target, title in [(challenge, "Idée interne"), (board, "Idée générale")]:
        Idea.objects.create(
            board_key=target.translation_key, author=author, title=title, language="fr"
        )

    html = client.get(kiosk_url()).content.decode()

    # The general boards are internal too: partners visit the Smart Room.
    assert "Idée interne" not in html
    assert "Défi réservé aux agents" not in html
    assert "Idée générale" not in html
    assert "Boîte à idées" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("segment", ["ressources", "evenements"])
def test_kiosk_page_with_too_long_id(client, screen, kiosk_url, segment):
    """SQLite raises OverflowError on ids past 64 bits, so none may match."""
    response = client.get(kiosk_url(f"{segment}/{'9' * 30}/"))

    assert response.status_code == 404


def at_local_time(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.mark.django_db
def test_week_cards_give_hours_under_day(client, screen, kiosk_url, programme):
    add_event(programme, "Atelier de l'après-midi", at_local_time(3, 14))
    add_event(programme, "Séminaire de deux jours", at_local_time(2, 9), 60 * 32)

    week = client.get(kiosk_url("semaine/")).content.decode()

    assert ">de 14\xa0h\xa000 à 15\xa0h\xa030</time>" in week
    # An event over several days keeps both dates.
    assert re.search(r">Du \w+ \d+ \w+ \d{4}, 9\xa0h\xa000 au ", week)
