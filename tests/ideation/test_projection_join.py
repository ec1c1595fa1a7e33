"""The projection screen shows people in the room how to open the board on
their phones: its address as a QR code and as text."""

import html
import re

import pytest
import segno
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from ideation import facilitator_views
from tests.ideation.conftest import HTMX

HOST = "testserver"


def join_address(body: str) -> str:
    """Return the printed address without its tags, as people copy it."""
    match = re.search(r'<p class="projection__join-url">(.*?)</p>', body)
    assert match, "no address on the projection screen"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def join_image_source(body: str) -> str:
    match = re.search(r'<img class="projection__join-code" src="([^"]+)"', body)
    assert match, "no QR code on the projection screen"
    return html.unescape(match.group(1))


@pytest.mark.django_db
def test_projection_shows_board_address(facilitator_client, challenge):
    board_url = f"http://{HOST}{challenge.url}"

    response = facilitator_client.get(
        reverse("ideation:projection", args=[challenge.pk])
    )

    body = response.content.decode()
    expected = segno.make(board_url, error="m").svg_data_uri(scale=1, border=2)
    assert join_image_source(body) == expected
    assert join_address(body) == f"{HOST}{challenge.url}"
    assert "Participez depuis votre téléphone" in body


@pytest.mark.django_db
def test_english_projection_gives_english_address(facilitator_client, challenge):
    with translation.override("en"):
        url = reverse("ideation:projection", args=[challenge.pk])
    locale, _created = Locale.objects.get_or_create(language_code="en")
    english = challenge.copy_for_translation(locale, copy_parents=True)
    english.save_revision().publish()
    english.refresh_from_db()

    body = facilitator_client.get(url).content.decode()

    assert join_address(body) == f"{HOST}{english.url}"
    assert english.url.startswith("/en/")


@pytest.mark.django_db
def test_projection_fragment_has_no_join_panel(facilitator_client, challenge):
    response = facilitator_client.get(
        reverse("ideation:projection", args=[challenge.pk]), **HTMX
    )

    assert response.status_code == 200
    assert "projection__join" not in response.content.decode()


@pytest.mark.django_db
def test_join_address_wraps_after_slashes(facilitator_client, challenge):
    challenge.slug = "amelioration-de-l-accueil-des-usagers"
    challenge.save_revision().publish()

    body = facilitator_client.get(
        reverse("ideation:projection", args=[challenge.pk])
    ).content.decode()

    challenge.refresh_from_db()
    texts = [f"{HOST}/"] + [f"{name}/" for name in challenge.url.strip("/").split("/")]
    part = '<span class="projection__join-part">{}</span>'
    expected = "<wbr>".join(part.format(text) for text in texts)
    assert texts[-1] == "amelioration-de-l-accueil-des-usagers/"
    assert f'<p class="projection__join-url">{expected}</p>' in body


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("site.fr/lab/mon-defi/", ["site.fr/", "lab/", "mon-defi/"]),
        ("site.fr/lab/mon-defi", ["site.fr/", "lab/", "mon-defi"]),
        ("site.fr", ["site.fr"]),
    ],
)
def test_split_after_slashes(text, parts):
    assert facilitator_views.split_after_slashes(text) == parts
