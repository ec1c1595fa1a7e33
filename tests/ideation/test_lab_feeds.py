"""Atom feeds of boards: a private address per person, the visibility rule,
inert payloads and the address's replacement."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ideation import feeds, moderation, services, statuses, withdrawal
from ideation.models import FeedToken, IdeaStatus, StatusKind
from ideation.personal_data import erase_user_data, export_user_data

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def token_of(user) -> str:
    return FeedToken.objects.update_or_create(
        user=user, defaults={"token": FeedToken.new_token()}
    )[0].token


def feed_url(token: str, board) -> str:
    return reverse("ideation:feed", args=[token, board.pk])


def read_feed(url: str) -> ET.Element:
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.django_db
def test_feed_lists_published_ideas(agent, other_agent, board):
    first = services.post_idea(agent, board, "Un fablab mobile", "Dans les collèges.")
    services.post_idea(agent, board, "Des bornes de recharge", "")

    feed = read_feed(feed_url(token_of(other_agent), board))

    assert entry_titles(feed) == ["Des bornes de recharge", "Un fablab mobile"]
    assert feed.findtext(f"{ATOM}title") == "Tableau des idées – Smart Lab"
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert any(
        link.endswith(reverse("ideation:idea", args=[first.pk])) for link in links
    )


@pytest.mark.django_db
def test_feed_leaves_out_hidden_and_pending_ideas(
    agent, other_agent, facilitator, premoderated_challenge
):
    published = services.post_idea(agent, premoderated_challenge, "Idée publiée", "")
    moderation.restore_idea(facilitator, published.pk)
    hidden = services.post_idea(agent, premoderated_challenge, "Idée masquée", "")
    moderation.restore_idea(facilitator, hidden.pk)
    moderation.hide_idea(facilitator, hidden.pk)
    services.post_idea(agent, premoderated_challenge, "Idée en attente", "")

    feed = read_feed(feed_url(token_of(agent), premoderated_challenge))

    assert entry_titles(feed) == ["Idée publiée"]


@pytest.mark.django_db
def test_partner_feed_of_internal_challenge_is_404(partner, agent, challenge):
    services.post_idea(agent, challenge, "Idée interne", "")

    response = Client().get(feed_url(token_of(partner), challenge))

    assert response.status_code == 404
    assert b"Id\xc3\xa9e interne" not in response.content


@pytest.mark.django_db
def test_partner_reads_feed_of_partner_challenge(
    partner, partner_idea, partner_challenge
):
    feed = read_feed(feed_url(token_of(partner), partner_challenge))

    assert entry_titles(feed) == [partner_idea.title]


@pytest.mark.django_db
def test_invalid_token_is_404(agent, board):
    services.post_idea(agent, board, "Un fablab mobile", "")
    old = token_of(agent)
    new = token_of(agent)

    assert Client().get(feed_url(old, board)).status_code == 404
    assert Client().get(feed_url("x" * 43, board)).status_code == 404
    assert Client().get(feed_url(new, board)).status_code == 200
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    assert Client().get(feed_url(new, board)).status_code == 404


@pytest.mark.django_db
def test_feed_payloads_stay_inert(agent, other_agent, board):
    services.post_idea(agent, board, f"Titre {PAYLOAD}", f"Texte {PAYLOAD}")

    response = Client().get(feed_url(token_of(other_agent), board))
    feed = ET.fromstring(response.content)
    entry = next(feed.iter(f"{ATOM}entry"))

    # The title is plain text in the XML; the summary is HTML that readers
    # render, so it must hold no script and no event handler.
    assert entry.findtext(f"{ATOM}title") == f"Titre {PAYLOAD}"
    summary = entry.findtext(f"{ATOM}summary")
    assert "<script" not in summary
    assert "onerror" not in summary
    assert b"<script>" not in response.content


@pytest.mark.django_db
def test_status_change_moves_idea_up_with_feedback(facilitator, agent, challenge):
    older = services.post_idea(agent, challenge, "Idée ancienne", "")
    services.post_idea(agent, challenge, "Idée récente", "")
    selected = IdeaStatus.objects.get(kind=StatusKind.SELECTED)
    statuses.change_status(
        facilitator, older.pk, selected.pk, "Retenue pour le comité de janvier."
    )

    feed = read_feed(feed_url(token_of(agent), challenge))

    assert entry_titles(feed) == ["Idée ancienne", "Idée récente"]
    summary = next(feed.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary")
    assert selected.name in summary
    assert "<p>Retenue pour le comité de janvier.</p>" in summary


@pytest.mark.django_db
def test_feed_page_creates_and_replaces_address(agent_client, agent, board):
    page_url = reverse("ideation:feed_page", args=[board.pk])
    reset_url = reverse("ideation:feed_reset", args=[board.pk])

    before = agent_client.get(page_url)
    created = agent_client.post(reset_url, follow=True)
    first = FeedToken.objects.get(user=agent).token
    agent_client.post(reset_url)
    second = FeedToken.objects.get(user=agent).token

    assert before.status_code == 200
    assert b"/feeds/" not in before.content
    assert first.encode() in created.content
    assert first != second
    assert agent_client.get(reset_url).status_code == 405


@pytest.mark.django_db
def test_feed_page_needs_sign_in_and_access(
    anonymous_client, partner_client, challenge
):
    page_url = reverse("ideation:feed_page", args=[challenge.pk])
    reset_url = reverse("ideation:feed_reset", args=[challenge.pk])

    assert anonymous_client.get(page_url).status_code == 302
    assert partner_client.get(page_url).status_code == 404
    assert partner_client.post(reset_url).status_code == 404
    assert not FeedToken.objects.exists()


@pytest.mark.django_db
def test_feed_token_in_export_and_erased(agent, board):
    token_of(agent)

    exported = export_user_data(agent)
    erase_user_data(agent)

    assert len(exported["feed_addresses"]) == 1
    assert "token" not in exported["feed_addresses"][0]
    assert not FeedToken.objects.filter(user=agent).exists()


@pytest.mark.django_db
def test_english_feed_has_english_title(agent, agent_client, board, english_board):
    with translation.override("en"):
        url = feed_url(token_of(agent), board)
        page_url = reverse("ideation:feed_page", args=[board.pk])

    feed = read_feed(url)
    page = agent_client.get(page_url)

    assert feed.findtext(f"{ATOM}title") == "Ideas board – Smart Lab"
    assert "Follow “Ideas board” in a feed reader" in page.content.decode()


@pytest.mark.django_db
def test_withdrawal_explanation_labelled_as_reason(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Un fablab mobile", "")
    withdrawal.withdraw_idea(agent, idea.pk, "Un autre service le porte.")

    feed = read_feed(feed_url(token_of(other_agent), board))

    summary = next(feed.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary")
    assert "<p>Motif du retrait\u202f:</p><p>Un autre service le porte.</p>" in summary
    assert "Réponse publique" not in summary


@pytest.mark.django_db
def test_unchanged_feed_not_modified(agent, other_agent, board):
    """Readers poll every few minutes: an unchanged feed costs no download."""
    services.post_idea(agent, board, "Un fablab mobile", "")
    url = feed_url(token_of(other_agent), board)
    first = Client().get(url)

    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    services.post_idea(agent, board, "Des bornes de recharge", "")
    changed = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert changed.status_code == 200
    assert b"Des bornes de recharge" in changed.content


def entry_ids(url: str, host: str) -> list[str]:
    response = Client(HTTP_HOST=host).get(url)
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.django_db
def test_entry_id_same_across_feeds(agent, board, english_board):
    """Readers tell entries apart by their id: one idea keeps one id."""
    idea = services.post_idea(agent, board, "Un fablab mobile", "")
    token = token_of(agent)
    french_url = feed_url(token, board)
    with translation.override("en"):
        english_url = feed_url(token, english_board)

    french = entry_ids(french_url, "localhost")
    english = entry_ids(english_url, "localhost")
    other_host = entry_ids(french_url, "127.0.0.1")

    assert french == english
    assert french == other_host
    assert french == [feeds.entry_id(idea)]
    assert french[0].startswith("urn:uuid:")


@pytest.mark.django_db
def test_entry_link_is_idea_page(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Un fablab mobile", "")

    feed = read_feed(feed_url(token_of(other_agent), board))

    entry = next(feed.iter(f"{ATOM}entry"))
    link = entry.find(f"{ATOM}link").get("href")
    assert link == "http://testserver" + reverse("ideation:idea", args=[idea.pk])
