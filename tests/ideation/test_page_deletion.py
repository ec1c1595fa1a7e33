"""Deleting a board's page reaches the per-process page copies, the open
sockets and the home page's fragments, whichever class the delete starts
from."""

import pytest
from wagtail.models import Page

from home import caching as home_caching
from ideation.board_lookup import BoardNotFound, find_board
from ideation.realtime import access


@pytest.fixture(params=["page", "specific"])
def delete_board(request):
    """Delete a board through Wagtail's ``Page`` or through its own class."""

    def delete(board):
        if request.param == "page":
            Page.objects.get(pk=board.pk).delete()
        else:
            board.delete()

    return delete


@pytest.mark.django_db
def test_deleted_board_leaves_lookup(board, delete_board):
    find_board(board.board_key)

    delete_board(board)

    with pytest.raises(BoardNotFound):
        find_board(board.board_key)


@pytest.mark.django_db
def test_deleted_board_checks_sockets(
    board, delete_board, monkeypatch, django_capture_on_commit_callbacks
):
    announced = []
    monkeypatch.setattr(access, "announce_access_change", announced.append)

    with django_capture_on_commit_callbacks(execute=True):
        delete_board(board)

    # Wagtail unpublishes a live page before deleting it, which announces too.
    assert announced
    assert all(keys == {board.board_key} for keys in announced)


@pytest.mark.django_db
def test_deleted_board_renews_home_fragments(board, delete_board):
    before = home_caching.get_pages_version()

    delete_board(board)

    assert home_caching.get_pages_version() != before
