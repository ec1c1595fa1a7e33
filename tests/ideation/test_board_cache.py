"""The board page's cached cards and forms change with their content and
never carry one person's state to another."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from ideation import caching, comments, moderation, services
from ideation.models import IdeaCategory, IdeaStatus, StatusKind
from ideation.templatetags import board_cache

from .conftest import make_user


def render_board(client: Client, board) -> str:
    response = client.get(board.url)
    assert response.status_code == 200
    return response.content.decode()


def card_of(page: str, idea) -> str:
    """Return the HTML of ``idea``'s card on a rendered board page."""
    match = re.search(
        rf'<article id="idea-{idea.pk}" .*?</article>', page, flags=re.DOTALL
    )
    assert match, f"no card for idea {idea.pk}"
    return match.group(0)


def vote_button(page: str, idea) -> str:
    card = card_of(page, idea)
    return re.search(r'<button type="submit" class="vote-button"[^>]*>', card).group(0)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reader_client(db):
    """A staff member who reads the board without having written on it: the
    general boards are internal."""
    from tests.ideation.conftest import make_user

    return signed_in(make_user("Lucie", "Lectrice"))


def board_idea(board, author, title="Un atelier impression 3D"):
    idea = services.post_idea(author, board, title, "Chaque mardi.")
    return services.get_board_ideas_for(author, board).get(pk=idea.pk)


def test_card_cache_serves_stored_card(board, agent, reader_client):
    idea = board_idea(board, agent)
    render_board(reader_client, board)
    key = caching.get_card_key(idea)

    cache.set(key, "<p>carte lue dans le cache</p>")
    page = render_board(reader_client, board)

    assert "carte lue dans le cache" in page


def test_vote_updates_count_and_pressed_state(board, agent, other_agent):
    idea = board_idea(board, agent)
    voter = signed_in(other_agent)
    before = render_board(voter, board)

    services.set_vote(other_agent, idea.pk, True)
    after = render_board(voter, board)

    assert f'<span id="idea-{idea.pk}-votes">0</span>' in before
    assert f'<span id="idea-{idea.pk}-votes">1</span>' in after
    assert 'aria-pressed="false"' in vote_button(before, idea)
    assert 'aria-pressed="true"' in vote_button(after, idea)


def test_vote_state_stays_with_its_voter(board, agent, other_agent):
    idea = board_idea(board, agent)
    services.set_vote(agent, idea.pk, True)
    voter, bystander = signed_in(agent), signed_in(other_agent)

    voter_page = render_board(voter, board)
    bystander_page = render_board(bystander, board)

    assert 'aria-pressed="true"' in vote_button(voter_page, idea)
    assert 'aria-pressed="false"' in vote_button(bystander_page, idea)


def test_csrf_tokens_stay_with_their_session(board, agent, other_agent):
    idea = board_idea(board, agent)
    first, second = signed_in(agent), signed_in(other_agent)
    render_board(first, board)

    first_page = render_board(first, board)
    second_page = render_board(second, board)

    pattern = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    first_tokens = set(re.findall(pattern, card_of(first_page, idea)))
    second_tokens = set(re.findall(pattern, card_of(second_page, idea)))
    form_tokens = set(re.findall(pattern, first_page))
    assert len(first_tokens) == 1
    assert len(second_tokens) == 1
    assert first_tokens != second_tokens
    assert len(form_tokens) == 1


def test_new_idea_shows_at_once(board, agent, reader_client):
    board_idea(board, agent)
    render_board(reader_client, board)

    board_idea(board, agent, title="Une salle de sieste")
    page = render_board(reader_client, board)

    assert "Une salle de sieste" in page


def test_hidden_idea_leaves_at_once(board, agent, reader_client):
    idea = board_idea(board, agent)
    staff = make_user("Sam", "Superviseur")
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    render_board(reader_client, board)

    moderation.hide_idea(staff, idea.pk)
    page = render_board(reader_client, board)

    assert f'id="idea-{idea.pk}"' not in page


def test_comment_updates_cached_count(board, agent, other_agent, reader_client):
    idea = board_idea(board, agent)
    before = render_board(reader_client, board)

    comments.post_comment(other_agent, idea.pk, "Bonne idée.")
    after = render_board(reader_client, board)

    count = f'<span id="idea-{idea.pk}-comment-count">'
    assert f"{count}0</span>" in card_of(before, idea)
    assert f"{count}1</span>" in card_of(after, idea)


def test_status_change_updates_card(board, agent, reader_client):
    idea = board_idea(board, agent)
    render_board(reader_client, board)
    selected = IdeaStatus.objects.get(kind=StatusKind.SELECTED)

    idea.status = selected
    idea.save(update_fields=["status"])
    page = render_board(reader_client, board)

    assert selected.name in card_of(page, idea)


def test_status_rename_updates_card(board, agent, reader_client):
    idea = board_idea(board, agent)
    status = IdeaStatus.objects.get(kind=StatusKind.SELECTED)
    idea.status = status
    idea.save(update_fields=["status"])
    render_board(reader_client, board)

    status.name = "Retenue par le comité"
    status.save()
    page = render_board(reader_client, board)

    assert "Retenue par le comité" in card_of(page, idea)


def test_tag_change_updates_card(board, agent, reader_client):
    idea = board_idea(board, agent)
    idea.tags.set(["vélo"])
    before = render_board(reader_client, board)

    idea.tags.set(["jardin", "vélo"])
    after = render_board(reader_client, board)

    assert "<li>jardin</li>" not in card_of(before, idea)
    assert "<li>jardin</li><li>vélo</li>" in card_of(after, idea)


def test_tag_rename_updates_card(board, agent, reader_client):
    idea = board_idea(board, agent)
    idea.tags.set(["velo"])
    render_board(reader_client, board)

    tag = idea.tags.get()
    tag.name = "vélo"
    tag.save()
    page = render_board(reader_client, board)

    assert "<li>vélo</li>" in card_of(page, idea)


def test_category_rename_updates_forms(board, agent, agent_client):
    IdeaCategory.objects.create(name="Numérique", name_en="Digital")
    render_board(agent_client, board)

    IdeaCategory.objects.filter(name="Numérique").get().delete()
    IdeaCategory.objects.create(name="Mobilité", name_en="Mobility")
    page = render_board(agent_client, board)

    assert "Numérique" not in page
    assert page.count("Mobilité") == 2


def test_new_slug_updates_filter_form(board, reader_client):
    render_board(reader_client, board)

    board.slug = "boite-a-idees"
    board.save_revision().publish()
    board.refresh_from_db()
    page = render_board(reader_client, board)

    assert 'action="/boite-a-idees/"' in page


def test_english_page_gets_english_cards(board, english_board, agent):
    idea = board_idea(board, agent)
    idea.status = IdeaStatus.objects.get(kind=StatusKind.SELECTED)
    idea.save(update_fields=["status"])
    client = signed_in(agent)
    french = render_board(client, board)

    english = render_board(client, english_board)

    assert idea.status.name in card_of(french, idea)
    assert idea.status.name_en in card_of(english, idea)
    assert f'href="/en/lab/ideas/{idea.pk}/"' in card_of(english, idea)
    assert f'href="/lab/ideas/{idea.pk}/"' in card_of(french, idea)


def test_invalid_post_form_is_not_cached(board, agent, agent_client, other_agent):
    response = agent_client.post(
        f"/lab/boards/{board.pk}/ideas/", {"title": "", "description": "Texte tapé"}
    )
    assert response.status_code == 400
    assert "Texte tapé" in response.content.decode()

    page = render_board(signed_in(other_agent), board)

    assert "Texte tapé" not in page


def test_facilitator_tools_stay_with_facilitator(challenge, facilitator, agent):
    render_board(signed_in(facilitator), challenge)

    page = render_board(signed_in(agent), challenge)

    assert "Moderation queue" not in page
    assert "File de modération" not in page


class FailingCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    get_many = set = add = incr = get


def test_board_renders_when_cache_fails(board, agent, monkeypatch):
    idea = board_idea(board, agent)
    monkeypatch.setattr(caching, "cache", FailingCache())
    monkeypatch.setattr(board_cache, "cache", FailingCache())
    monkeypatch.setattr("cms.cache_versions.cache", FailingCache())

    page = render_board(signed_in(agent), board)

    assert idea.title in card_of(page, idea)


@pytest.mark.parametrize("name", ["form", "filters"])
def test_form_key_none_without_board(name):
    assert caching.get_form_key(name, {}) is None
