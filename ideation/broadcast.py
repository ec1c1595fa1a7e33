"""Live messages of the Smart Lab boards, sent to Channels groups after commit.

Every message a board's group receives is one ``BoardMessage``: its
``sequence`` is the board's ``BoardSequence`` value taken in the transaction
of the change, and ``html`` maps each language code to the fragment that
consumers send to their socket. A fragment is HTML that htmx-ext-ws applies as
out-of-band swaps, and always starts with a marker element::

    <div id="board-sequence" hx-swap-oob="true" hidden data-sequence="12"
         data-event="idea.posted" data-idea-id="34" data-announcement="…">

followed by the payload:

- ``idea.posted``: ``<div hx-swap-oob="afterbegin:#idea-list">`` holding the new
  idea card with its absolute vote count and an unpressed vote button,
  because a broadcast carries nobody's own vote.
- ``idea.votes_changed``: ``<span id="idea-<id>-votes" hx-swap-oob="true">N</span>``,
  the absolute count only, so the receiver's own ``aria-pressed`` is kept.
- ``heartbeat`` (sent by the consumer, marker only): the board's current
  sequence, so a client notices a lost last message and a dead socket.
- ``presence`` (sent by each process, not numbered): how many people watch.

Every worker process subscribes once per board and writes these fragments to
its own sockets (see ``ideation.realtime``). It folds consecutive
``idea.votes_changed`` messages into one batch with several counts, whose
marker also carries ``data-first-sequence``: the batch replaces every message
from that number to ``data-sequence``.

``static/js/board.js`` reads the marker before htmx swaps anything: it drops
duplicates and stale messages, and fetches the idea list over HTTP on a gap.
"""

import copy
import logging
from typing import NotRequired, TypedDict

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from cms.channel_layers import send_to_group

logger = logging.getLogger(__name__)

TEMPLATE = "ideation/idea_board_page.html"

IDEA_POSTED = "idea.posted"
VOTES_CHANGED = "idea.votes_changed"


class BoardMessage(TypedDict):
    """A numbered change of a board, as sent to the board's group."""

    type: str
    sequence: int
    # Language code -> fragment, with the marker first.
    html: dict[str, str]
    # Idea id (as text, for msgpack) -> absolute vote count; vote messages only.
    counts: NotRequired[dict[str, int]]
    # Board key as text, added by send_to_board: the processes that receive
    # the message on their own channel learn which board it is for.
    board: NotRequired[str]


def board_group_name(board_key) -> str:
    """Return the Channels group of a board, shared by all its translations."""
    return f"ideation.board.{board_key}"


def render_marker(sequence: int, event: str, **data) -> str:
    """Render the hidden element that numbers a live message.

    ``data`` items become ``data-*`` attributes (underscores turn into
    hyphens); their values are escaped.
    """
    attributes = format_html_join(
        "",
        ' data-{}="{}"',
        ((name.replace("_", "-"), value) for name, value in data.items()),
    )
    return format_html(
        '<div id="board-sequence" hx-swap-oob="true" hidden data-sequence="{}" '
        'data-event="{}"{}></div>',
        sequence,
        event,
        attributes,
    )


def render_idea_posted(
    idea, sequence: int, language: str, rules=None, *, restored=False
) -> str:
    """Render the ``idea.posted`` fragment in ``language``, with no user state.

    ``rules`` are the board's current rules, so that a challenge that hides
    its vote counts hides them on live cards too. A ``restored`` idea (shown
    again, or published after moderation) is marked so: it is not the
    newest, so board.js fetches the list instead of putting it first.
    """
    pushed_idea = copy.copy(idea)
    pushed_idea.voted_by_me = False
    extra = {"restored": "1"} if restored else {}
    with translation.override(language):
        marker = render_marker(
            sequence,
            "idea.posted",
            idea_id=idea.pk,
            announcement=gettext("New idea: “%(title)s”") % {"title": idea.title},
            **extra,
        )
        card = render_to_string(
            f"{TEMPLATE}#live-idea-card", {"idea": pushed_idea, "rules": rules}
        )
    return marker + card


def render_vote_count(idea_id: int, count: int, sequence: int) -> str:
    """Render the ``idea.votes_changed`` fragment; it contains no translated text."""
    marker = render_marker(sequence, VOTES_CHANGED, idea_id=idea_id)
    count_element = format_html(
        '<span id="idea-{}-votes" hx-swap-oob="true">{}</span>', idea_id, count
    )
    return marker + count_element


def render_vote_counts(counts: dict[int, int], first: int, last: int) -> str:
    """Render a batch of absolute counts that replaces messages first to last."""
    marker = render_marker(last, VOTES_CHANGED, first_sequence=first)
    count_elements = format_html_join(
        "",
        '<span id="idea-{}-votes" hx-swap-oob="true">{}</span>',
        sorted(counts.items()),
    )
    return marker + count_elements


def board_rules(board_key):
    """Return the board's current rules, or None when its page is gone."""
    from .board_lookup import BoardNotFound, find_board
    from .challenges import get_rules

    try:
        board, _restrictions = find_board(board_key)
    except BoardNotFound:
        return None
    return get_rules(board)


def broadcast_idea_posted(idea, sequence: int, *, restored=False) -> None:
    """Send a new or restored idea's card to the watchers of its board."""
    rules = board_rules(idea.board_key)
    html = {
        code: render_idea_posted(idea, sequence, code, rules, restored=restored)
        for code, _ in settings.LANGUAGES
    }
    send_to_board(
        idea.board_key,
        BoardMessage(type=IDEA_POSTED, sequence=sequence, html=html),
    )


def broadcast_vote_count(board_key, idea_id: int, count: int, sequence: int) -> None:
    """Send an idea's new absolute vote count to the watchers of its board.

    Each worker process folds the counts it receives for a board into at most
    one message every ``IDEATION_VOTE_COALESCE_MS`` before writing to its
    sockets (see ``ideation.realtime.batching``).
    """
    fragment = render_vote_count(idea_id, count, sequence)
    html = {code: fragment for code, _ in settings.LANGUAGES}
    send_to_board(
        board_key,
        BoardMessage(
            type=VOTES_CHANGED,
            sequence=sequence,
            html=html,
            counts={str(idea_id): count},
        ),
    )


def send_to_board(board_key, message: BoardMessage) -> None:
    """Send ``message`` to the processes that have watchers of the board.

    Each process receives it once and writes the fragment to its own
    sockets, so the channel layer carries one message per process.
    """
    message = BoardMessage({**message, "board": str(board_key)})
    if not send_to_group(board_group_name(board_key), message):
        logger.warning("no channel layer: board %s message not sent", board_key)
        return
    logger.debug(
        "board %s message %s (%s) sent",
        board_key,
        message["sequence"],
        message["type"],
    )
