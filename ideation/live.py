"""Live fragments of comments, statuses, moderation and challenge phases.

Each function runs inside the transaction of its change: it takes the board's
next sequence number there, and sends after commit through
``broadcast.send_to_board``. Fragments follow the marker convention of
``ideation/broadcast.py``; they hold no one's own state (no edit buttons, no
pressed vote) and never anything hidden: callers check visibility first, and
these functions check it again.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html

from . import services
from .broadcast import BoardMessage, render_marker, send_to_board
from .models import Comment, Idea

logger = logging.getLogger(__name__)

TEMPLATE = "ideation/includes/live.html"


def send_after_commit(board_key, event: str, render) -> None:
    """Number a live message now and send ``render(sequence, language)`` later."""
    sequence = services.next_sequence(board_key)

    def send():
        html = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                html[code] = render(sequence, code)
        send_to_board(
            board_key,
            BoardMessage(type=event, sequence=sequence, html=html),
        )

    transaction.on_commit(send, robust=True)


def render_partial(name: str, context: dict) -> str:
    return render_to_string(f"{TEMPLATE}#{name}", context)


def comment_count_element(idea_id: int) -> str:
    count = Idea.objects.filter(pk=idea_id).values_list("comment_count", flat=True)
    return format_html(
        '<span id="idea-{}-comment-count" hx-swap-oob="true">{}</span>',
        idea_id,
        count.first() or 0,
    )


def broadcast_comment(idea: Idea, comment: Comment, event: str) -> None:
    """Send a new or edited comment to the board's watchers."""
    if idea.is_hidden or comment.is_hidden or comment.is_deleted:
        return

    def render(sequence, language):
        fresh = Comment.objects.select_related("author").get(pk=comment.pk)
        fresh.visible_replies = []
        extra = {}
        if event == "comment.posted":
            # The author's page already has the comment from the HTTP response:
            # board.js skips the message there rather than append a copy.
            extra["skip_if_present"] = f"comment-{comment.pk}"
        marker = render_marker(
            sequence, event, idea_id=idea.pk, comment_id=comment.pk, **extra
        )
        body = render_partial(
            "comment-posted" if event == "comment.posted" else "comment-edited",
            {"comment": fresh, "idea": idea, "live": True},
        )
        return marker + body + comment_count_element(idea.pk)

    send_after_commit(idea.board_key, event, render)


def broadcast_comment_removed(idea: Idea, comment: Comment) -> None:
    def render(sequence, language):
        marker = render_marker(
            sequence, "comment.removed", idea_id=idea.pk, comment_id=comment.pk
        )
        removal = format_html(
            '<div id="comment-{}" hx-swap-oob="delete"></div>', comment.pk
        )
        return marker + removal + comment_count_element(idea.pk)

    send_after_commit(idea.board_key, "comment.removed", render)


def broadcast_comment_restored(idea: Idea, comment: Comment) -> None:
    """Tell the board's pages that a hidden comment and its replies are back.

    The message carries the new count but not the comment, because the place
    of the comment and its replies in each viewer's thread comes from the
    server. board.js fetches the idea page's thread again, as for a restored
    idea.
    """
    if idea.is_hidden:
        return

    def render(sequence, language):
        marker = render_marker(
            sequence,
            "comment.restored",
            idea_id=idea.pk,
            comment_id=comment.pk,
            restored="1",
        )
        return marker + comment_count_element(idea.pk)

    send_after_commit(idea.board_key, "comment.restored", render)


def broadcast_idea_removed(idea: Idea) -> None:
    """Take a hidden or merged idea off every page that shows it."""

    def render(sequence, language):
        marker = render_marker(sequence, "idea.removed", idea_id=idea.pk)
        return marker + format_html(
            '<div id="idea-{}" hx-swap-oob="delete"></div>', idea.pk
        )

    send_after_commit(idea.board_key, "idea.removed", render)


def broadcast_status(idea: Idea) -> None:
    if idea.is_hidden:
        return

    def render(sequence, language):
        fresh = Idea.objects.select_related("status").get(pk=idea.pk)
        marker = render_marker(sequence, "idea.status_changed", idea_id=idea.pk)
        return marker + render_partial("status-badge", {"idea": fresh, "oob": True})

    send_after_commit(idea.board_key, "idea.status_changed", render)


def broadcast_phase(board, state) -> None:
    """Send a challenge's phase banner, rules and, in results, its vote counts."""
    from .challenges import get_rules

    def render(sequence, language):
        rules = get_rules(board)
        ideas = []
        if not rules.counts_hidden:
            ideas = list(
                Idea.objects.visible()
                .listed()
                .for_board(board.board_key)
                .values("pk", "vote_count")
            )
        marker = render_marker(sequence, "challenge.phase_changed", phase=state.phase)
        return marker + render_partial(
            "phase-changed", {"rules": rules, "oob": True, "counts": ideas}
        )

    send_after_commit(board.board_key, "challenge.phase_changed", render)
