"""The board's search box ignores accents and case, on SQLite and PostgreSQL."""

import pytest

from ideation import services
from ideation.folding import fold
from ideation.models import Idea


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Écran", "ecran"), ("ÉCOLE", "ecole"), ("garçon", "garcon"), ("", "")],
)
def test_fold_drops_accents_and_case(typed, expected):
    assert fold(typed) == expected


@pytest.mark.parametrize("typed", ["ecran", "ÉCRAN", "écran", "Ecran d'accueil"])
def test_search_finds_title_whatever_accents(agent, board, typed):
    expected = services.post_idea(agent, board, "Écran d'accueil des usagers", "")
    services.post_idea(agent, board, "Borne de rendez-vous", "")

    found = services.filter_and_sort(Idea.objects.for_board(board.board_key), q=typed)

    assert [idea.pk for idea in found] == [expected.pk]


def test_search_reads_description_too(agent, board):
    expected = services.post_idea(
        agent, board, "Accueil", "Un agent oriente les élèves à l'entrée"
    )

    found = services.filter_and_sort(
        Idea.objects.for_board(board.board_key), q="ELEVES"
    )

    assert [idea.pk for idea in found] == [expected.pk]


def test_search_with_like_wildcards_stays_literal(agent, board):
    services.post_idea(agent, board, "Cent pour cent", "")

    found = services.filter_and_sort(Idea.objects.for_board(board.board_key), q="%_")

    assert list(found) == []
