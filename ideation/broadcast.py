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

``static/js/board.js`` reads the marker before htmx swaps anything: it drops
duplicates and stale messages, and fetches the idea list over HTTP on a gap.
"""

import copy
import logging
from typing import TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

TEMPLATE = "ideation/idea_board_page.html"


class BoardMessage(TypedDict):
    type: str
    sequence: int
    html: dict[str, str]


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


def render_idea_posted(idea, sequence: int, language: str) -> str:
    """Render the ``idea.posted`` fragment in ``language``, with no user state."""
    pushed_idea = copy.copy(idea)
    pushed_idea.voted_by_me = False
    with translation.override(language):
        marker = render_marker(
            sequence,
            "idea.posted",
            idea_id=idea.pk,
            announcement=gettext("New idea: “%(title)s”") % {"title": idea.title},
        )
        card = render_to_string(f"{TEMPLATE}#live-idea-card", {"idea": pushed_idea})
    return marker + card


def render_vote_count(idea_id: int, count: int, sequence: int) -> str:
    """Render the ``idea.votes_changed`` fragment; it contains no translated text."""
    marker = render_marker(sequence, "idea.votes_changed", idea_id=idea_id)
    count_element = format_html(
        '<span id="idea-{}-votes" hx-swap-oob="true">{}</span>', idea_id, count
    )
    return marker + count_element


def broadcast_idea_posted(idea, sequence: int) -> None:
    """Send a new idea's card to the watchers of its board."""
    html = {
        code: render_idea_posted(idea, sequence, code) for code, _ in settings.LANGUAGES
    }
    send_to_board(
        idea.board_key,
        BoardMessage(type="idea.posted", sequence=sequence, html=html),
    )


def broadcast_vote_count(board_key, idea_id: int, count: int, sequence: int) -> None:
    """Send an idea's new absolute vote count to the watchers of its board."""
    # TODO: each vote sends one message to every watcher; counts are not yet
    # coalesced per board to at most one message every 250 ms, so the cost
    # grows with votes × watchers instead of with watchers.
    fragment = render_vote_count(idea_id, count, sequence)
    html = {code: fragment for code, _ in settings.LANGUAGES}
    send_to_board(
        board_key,
        BoardMessage(type="idea.votes_changed", sequence=sequence, html=html),
    )


def send_to_board(board_key, message: BoardMessage) -> None:
    layer = get_channel_layer()
    if layer is None:
        logger.warning("no channel layer: board %s message not sent", board_key)
        return
    async_to_sync(layer.group_send)(board_group_name(board_key), message)
    logger.debug(
        "board %s message %s (%s) sent",
        board_key,
        message["sequence"],
        message["type"],
    )
