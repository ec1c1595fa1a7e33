"""Services of the Smart Lab: posting ideas and voting."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from ideation import services
from ideation.errors import IdeationError
from ideation.models import BoardSequence, Idea, Vote


@pytest.mark.django_db
def test_post_idea_creates_idea_on_board_key(agent, board):
    idea = services.post_idea(agent, board, "  Un fablab  ", "Ligne 1\r\nLigne 2")

    assert idea.board_key == board.translation_key
    assert idea.title == "Un fablab"
    assert idea.description == "Ligne 1\nLigne 2"
    assert idea.author == agent
    assert idea.vote_count == 0


@pytest.mark.django_db
def test_post_idea_increments_board_sequence(agent, board):
    services.post_idea(agent, board, "Première", "")
    services.post_idea(agent, board, "Deuxième", "")

    sequence = BoardSequence.objects.get(board_key=board.board_key)
    assert sequence.value == 2


@pytest.mark.django_db
def test_post_idea_anonymous_raises_sign_in_required(board):
    with pytest.raises(IdeationError) as error:
        services.post_idea(AnonymousUser(), board, "Titre", "")

    assert error.value.code == "sign_in_required"
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_post_idea_closed_board_raises_board_closed(agent, closed_board):
    with pytest.raises(IdeationError) as error:
        services.post_idea(agent, closed_board, "Titre", "")

    assert error.value.code == "board_closed"
    assert Idea.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "description", "code"),
    [
        ("   ", "", "title_required"),
        ("x" * (settings.IDEA_TITLE_MAX_LENGTH + 1), "", "title_too_long"),
        (
            "Titre",
            "x" * (settings.IDEA_DESCRIPTION_MAX_LENGTH + 1),
            "description_too_long",
        ),
    ],
)
def test_post_idea_invalid_text_raises(agent, board, title, description, code):
    with pytest.raises(IdeationError) as error:
        services.post_idea(agent, board, title, description)

    assert error.value.code == code
    assert error.value.status_code == 400
    assert Idea.objects.count() == 0


@pytest.mark.django_db
def test_set_vote_twice_keeps_one_vote(other_agent, idea):
    services.set_vote(other_agent, idea.pk, True)

    result = services.set_vote(other_agent, idea.pk, True)

    assert result.changed is False
    assert result.vote_count == 1
    assert Vote.objects.filter(idea=idea).count() == 1
    idea.refresh_from_db()
    assert idea.vote_count == 1


@pytest.mark.django_db
def test_set_vote_false_removes_vote(other_agent, idea):
    services.set_vote(other_agent, idea.pk, True)

    result = services.set_vote(other_agent, idea.pk, False)

    assert result.changed is True
    assert result.vote_count == 0
    assert not Vote.objects.filter(idea=idea).exists()


@pytest.mark.django_db
def test_set_vote_false_without_vote_changes_nothing(other_agent, idea):
    sequence_before = services.get_board_sequence(idea.board_key)

    result = services.set_vote(other_agent, idea.pk, False)

    assert result.changed is False
    assert result.vote_count == 0
    assert services.get_board_sequence(idea.board_key) == sequence_before


@pytest.mark.django_db
def test_set_vote_hidden_idea_raises_not_found(other_agent, idea):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)

    with pytest.raises(IdeationError) as error:
        services.set_vote(other_agent, idea.pk, True)

    assert error.value.code == "not_found"
    assert error.value.status_code == 404
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_set_vote_missing_idea_raises_not_found(other_agent):
    with pytest.raises(IdeationError) as error:
        services.set_vote(other_agent, 999_999, True)

    assert error.value.code == "not_found"


@pytest.mark.django_db
def test_set_vote_anonymous_raises_sign_in_required(idea):
    with pytest.raises(IdeationError) as error:
        services.set_vote(AnonymousUser(), idea.pk, True)

    assert error.value.code == "sign_in_required"
    assert error.value.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_board_ideas_shared_between_translations(agent, board, english_board):
    services.post_idea(agent, english_board, "An idea in English", "")

    ideas = services.get_board_ideas_for(agent, board)

    assert [idea.title for idea in ideas] == ["An idea in English"]


@pytest.mark.django_db
def test_get_board_by_key_unpublished_raises(agent, board):
    board.unpublish()

    with pytest.raises(IdeationError) as error:
        services.get_board_by_key_for(agent, board.board_key)

    assert error.value.code == "board_not_found"


def test_error_message_fills_max_length():
    error = IdeationError("title_too_long", max_length=140)

    assert "140" in error.message
