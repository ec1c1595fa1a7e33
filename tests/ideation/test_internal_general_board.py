"""The general boards are internal: only the Département's staff read them."""

import pytest
from django.contrib.auth.models import AnonymousUser

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
