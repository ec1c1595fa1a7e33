"""A board's page, looked up by key, is kept per process until pages change."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ideation import board_lookup
from ideation.board_lookup import BoardNotFound, find_board


def count_queries(function, *args):
    with CaptureQueriesContext(connection) as queries:
        result = function(*args)
    return result, len(queries)


@pytest.mark.django_db
def test_second_lookup_reads_no_page(board):
    first, first_queries = count_queries(find_board, board.board_key)
    second, second_queries = count_queries(find_board, board.board_key)

    assert first_queries >= 2
    assert second_queries == 0
    assert first[0].pk == second[0].pk == board.pk


@pytest.mark.django_db
def test_lookup_returns_a_copy(board):
    found, _restrictions = find_board(board.board_key)
    found.title = "Titre changé par un appelant"

    again, _restrictions = find_board(board.board_key)

    assert again.title == board.title


@pytest.mark.django_db
def test_unpublished_board_is_gone_at_once(board):
    find_board(board.board_key)

    board.unpublish()

    with pytest.raises(BoardNotFound):
        find_board(board.board_key)


@pytest.mark.django_db
def test_restriction_on_parent_applies_at_once(board):
    _found, restrictions = find_board(board.board_key)
    assert restrictions == []

    restriction = PageViewRestriction.objects.create(
        page=board.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Cellule innovation"))

    _found, restrictions = find_board(board.board_key)
    assert [item.pk for item in restrictions] == [restriction.pk]


@pytest.mark.django_db
def test_restriction_removed_applies_at_once(board):
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.LOGIN
    )
    assert len(find_board(board.board_key)[1]) == 1

    restriction.delete()

    assert find_board(board.board_key)[1] == []


@pytest.mark.django_db
def test_commit_bumps_the_version_again(board, django_capture_on_commit_callbacks):
    before = board_lookup.get_version(board_lookup.PAGES_VERSION_KEY)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        board.title = "Nouveau titre"
        board.save()

    after = board_lookup.get_version(board_lookup.PAGES_VERSION_KEY)
    assert len(callbacks) >= 1
    # Once when the page was saved, once more when its transaction committed.
    assert after >= before + 2


@pytest.mark.django_db
def test_old_entry_is_read_again(board, monkeypatch):
    find_board(board.board_key)
    now = board_lookup.time.monotonic()
    monkeypatch.setattr(
        board_lookup.time,
        "monotonic",
        lambda: now + board_lookup.MAX_AGE_SECONDS + 1,
    )

    _result, queries = count_queries(find_board, board.board_key)

    assert queries >= 2


@pytest.mark.django_db
def test_missing_board_is_not_kept(board):
    unknown = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(BoardNotFound):
        find_board(unknown)
    with pytest.raises(BoardNotFound):
        find_board(unknown)
