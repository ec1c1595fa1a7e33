"""WebSocket consumer of the live Smart Lab boards.

A socket watches one board, identified by its ``board_key`` so that the French
and English pages share it. Anyone who may read the board may watch it: the
messages contain only what the board page shows to every reader, never a
person's own vote, so a socket left open after sign-out reveals nothing (and
``ideation.realtime.close_user_sockets`` closes it anyway).

The consumer has no channel of its own: the process's ``BoardHub`` receives
each board message once and writes it to every local socket of the board.
"""

import json
import logging
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import services
from .broadcast import TEMPLATE, render_marker
from .errors import IdeationError
from .realtime.frames import find_daphne_socket
from .realtime.hub import get_hub
from .views import get_idea_list_context, parse_filters, parse_page_count

logger = logging.getLogger(__name__)

# Client messages are small JSON objects; anything larger is ignored.
MAX_CLIENT_MESSAGE_BYTES = 1024
# Seconds between two resyncs that one socket may ask for.
RESYNC_MIN_INTERVAL = 1.0


def read_board(user, board_key) -> None:
    services.get_board_by_key_for(user, board_key)


# These reads run in the thread pool rather than in the one thread that
# Django shares between sync views, so a burst of handshakes does not wait
# behind the vote requests (daphne drops handshakes not accepted in 5 s).
check_board_readable = database_sync_to_async(read_board, thread_sensitive=False)
get_board_sequence = database_sync_to_async(
    services.get_board_sequence, thread_sensitive=False
)


@database_sync_to_async
def render_board_state(
    user, board_key, language: str, filters: dict | None = None, pages: int = 1
) -> str:
    """Render the board's idea list for ``user`` after its current marker.

    ``filters`` come from ``parse_filters``; without them the list is the
    whole board in the default order. ``pages`` is how many pages of it the
    list holds (``parse_page_count``). Raises ``IdeationError`` when ``user``
    may no longer read the board.
    """
    board = services.get_board_by_key_for(user, board_key)
    # Read before the ideas: a change committed in between is applied twice
    # (harmless, the state is absolute) rather than missed.
    sequence = services.get_board_sequence(board_key)
    with translation.override(language):
        # The same context as the page, so that a challenge's rules (vote
        # counts hidden until voting closes) apply to a resync too.
        context = {
            **get_idea_list_context(user, board, filters, pages),
            "board_sequence": sequence,
        }
        idea_list = render_to_string(f"{TEMPLATE}#idea-list", context)
        marker = render_marker(sequence, "board.state")
    # The list replaces the page's own; it carries the sequence it matches.
    return marker + idea_list.replace(
        'id="idea-list"', 'id="idea-list" hx-swap-oob="outerHTML"', 1
    )


def language_of_scope(scope) -> str:
    """Return the language named by the socket URL's ``lang`` parameter
    (``?lang=en``), or the default language.

    The pages add the parameter (``views.board_socket_url``), so the presence
    count sent on joining is in the reader's language from the start.
    """
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    language = query.get("lang", [""])[0]
    if language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE


class BoardConsumer(AsyncJsonWebsocketConsumer):
    """Register one socket of a board with the process's hub."""

    # No channel per socket: the hub subscribes once for the whole process.
    channel_layer_alias = None

    async def connect(self):
        self.board_key = self.scope["url_route"]["kwargs"]["board_key"]
        self.language = language_of_scope(self.scope)
        self.hub = None
        self.last_client_message_at = time.monotonic()
        user = self.scope.get("user")
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        try:
            await check_board_readable(user, self.board_key)
        except IdeationError:
            logger.info("socket rejected: board %s not readable", self.board_key)
            await self.close()
            return
        await self.accept()
        # Under daphne the hub writes prepared frames straight to the socket.
        self.daphne_socket = find_daphne_socket(self.base_send)
        self.hub = get_hub()
        await self.hub.join(self.board_key, self)
        # Read after joining, so that no message numbered after this
        # heartbeat can be missed.
        sequence = await get_board_sequence(self.board_key)
        await self.send(text_data=render_marker(sequence, "heartbeat"))

    async def disconnect(self, code):
        if self.hub is not None:
            await self.hub.leave(self.board_key, self)

    # Client messages

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        self.last_client_message_at = time.monotonic()
        if text_data is None or len(text_data) > MAX_CLIENT_MESSAGE_BYTES:
            logger.debug("board %s: client message ignored", self.board_key)
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            logger.debug("board %s: invalid JSON from client", self.board_key)
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        handlers = {
            "board.language": self.set_language,
            "board.pong": self.accept_pong,
            "board.resync": self.resync,
        }
        message_type = content.get("type") if isinstance(content, dict) else None
        # A list or object as the type would make the lookup raise TypeError.
        handler = handlers.get(message_type) if isinstance(message_type, str) else None
        if handler is None:
            logger.debug("board %s: unknown client message type", self.board_key)
            return
        await handler(content)

    async def set_language(self, content):
        """Choose the language of the fragments sent to this socket.

        The page sends its ``lang`` once the socket is open, for sockets
        opened without ``?lang=`` (``language_of_scope``). The presence count
        sent on joining used the default language then, and no recount
        follows when the count is unchanged, so it is sent again in the
        socket's language.
        """
        language = content.get("language")
        if not isinstance(language, str) or language not in dict(settings.LANGUAGES):
            return
        if language == self.language:
            return
        self.language = language
        if self.hub is not None:
            await self.hub.send_presence(self.board_key, self)

    async def accept_pong(self, content):
        """Nothing to do: any client message proves the socket alive."""

    async def resync(self, content):
        """Send the board's idea list with its current sequence.

        The message's optional ``filters`` object takes the names and values
        of the board's query string (``q``, ``status``, ``category``, ``tag``,
        ``sort``), and the list is filtered as the HTTP refetch filters it.
        Its optional ``pages`` number requests as many pages as the client
        had loaded with "Show more ideas", the first page by default.

        Rendering the whole board is the most expensive thing a socket can
        ask for, so requests closer together than RESYNC_MIN_INTERVAL are
        ignored: a real client asks once after a reconnect or a gap.
        """
        now = time.monotonic()
        last = getattr(self, "last_resync_at", None)
        if last is not None and now - last < RESYNC_MIN_INTERVAL:
            logger.debug("board %s: resync ignored, asked too often", self.board_key)
            return
        self.last_resync_at = now
        requested = content.get("filters")
        filters = parse_filters(requested if isinstance(requested, dict) else {})
        pages = parse_page_count(content.get("pages", 1))
        try:
            state = await render_board_state(
                self.scope.get("user"), self.board_key, self.language, filters, pages
            )
        except IdeationError:
            logger.info("board %s: no longer readable; closing", self.board_key)
            await self.close(code=4003)
            return
        await self.send(text_data=state)
