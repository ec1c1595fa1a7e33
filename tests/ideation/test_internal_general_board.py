"""The general boards are internal: only the Département's staff read them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ideation import permissions
from ideation.models import Idea


@pytest.mark.django_db
def test_staff_reads_general_board(agent_client, board, idea):
    response = agent_client.get(board.url)

    assert response.status_code == 200
    assert idea.title in response.content.decode()


@pytest.mark.django_db
def test_partner_gets_not_found(partner_client, board, idea):
    response = partner_client.get(board.url)

    assert response.status_code == 404
    assert idea.title not in response.content.decode()


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(anonymous_client, board):
    response = anonymous_client.get(board.url)

    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


@pytest.mark.django_db
def test_visitor_signs_in_for_idea_page(anonymous_client, idea):
    """Notification e-mails link to the idea's page, which a signed-out reader
    opens after signing in, as the board itself."""
    url = reverse("ideation:idea", args=[idea.pk])

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/connexion/?next={url}"


@pytest.mark.django_db
def test_visitor_sign_in_reveals_no_idea(anonymous_client, idea):
    """A missing idea sends the visitor to the same sign-in page."""
    url = reverse("ideation:idea", args=[idea.pk + 1000])

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/connexion/?next={url}"


@pytest.mark.django_db
def test_idea_page_htmx_not_found_signed_out(anonymous_client, idea):
    url = reverse("ideation:idea", args=[idea.pk])

    response = anonymous_client.get(url, headers={"HX-Request": "true"})

    assert response.status_code == 404


@pytest.mark.django_db
def test_partner_gets_not_found_on_idea_page(partner_client, idea):
    response = partner_client.get(reverse("ideation:idea", args=[idea.pk]))

    assert response.status_code == 404
    assert idea.title not in response.content.decode()


@pytest.mark.django_db
def test_partner_and_visitor_see_no_general_idea(partner, board, idea):
    assert not Idea.objects.visible_to(partner).filter(pk=idea.pk).exists()
    assert not Idea.objects.visible_to(AnonymousUser()).filter(pk=idea.pk).exists()
    assert not permissions.can_read_board(partner, board)


@pytest.mark.django_db
def test_partner_challenge_stays_readable(partner, partner_challenge):
    assert permissions.can_read_board(partner, partner_challenge)
    assert permissions.can_read_board(AnonymousUser(), partner_challenge)


@pytest.mark.django_db
def test_sitemap_leaves_general_board_out(anonymous_client, board, partner_challenge):
    sitemap = anonymous_client.get("/sitemap.xml").content.decode()

    assert board.slug not in sitemap
    assert partner_challenge.slug in sitemap
