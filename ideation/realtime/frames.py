"""Frame a board message once and write it to every daphne socket.

Under daphne, a consumer's ``send`` is ``Server.handle_reply`` bound to the
socket's protocol object, and each ``websocket.send`` event goes through that
coroutine, autobahn's framing and a UTF-8 encoding, once per socket. The same
fragment goes to hundreds of sockets of a board, so ``FrameWriter`` encodes
and frames it once (autobahn's ``PreparedMessage``) and hands the ready bytes
to each socket's transport.

When the socket's Twisted buffer is empty, the frame goes straight to the
kernel with one ``send`` call (``write_frame``), as asyncio's own transports
do. Twisted's ``transport.write`` would instead buffer it, register the socket
for writing, wait for the next loop turn, send and unregister: two epoll
changes and a callback per socket and per message.

Any other server, and Channels' test communicator, keep the standard path:
``send_event`` falls back to the consumer's own ``base_send``.
"""

import functools
import logging
from typing import NamedTuple

from channels.sessions import InstanceSessionWrapper
from twisted.internet import tcp

logger = logging.getLogger(__name__)

try:
    from autobahn.websocket.protocol import PreparedMessage
except ImportError:  # pragma: no cover - autobahn comes with daphne
    PreparedMessage = None


class DaphneSocket(NamedTuple):
    server: object
    protocol: object


def find_daphne_socket(send) -> DaphneSocket | None:
    """Return daphne's server and protocol objects behind ``send``, or None.

    Only the exact shape daphne builds is accepted: a ``functools.partial`` of
    a server's ``handle_reply`` whose one argument is a protocol that can send
    prepared messages. Channels' session middleware (part of
    ``AuthMiddlewareStack``) wraps ``send`` to save the session on HTTP
    responses only; its wrapper passes ``websocket.send`` through untouched,
    so it is looked through. Any other ASGI middleware that wraps ``send``
    turns this off.
    """
    while isinstance(getattr(send, "__self__", None), InstanceSessionWrapper):
        send = send.__self__.real_send
    if PreparedMessage is None or not isinstance(send, functools.partial):
        return None
    if getattr(send.func, "__name__", None) != "handle_reply" or len(send.args) != 1:
        return None
    server = getattr(send.func, "__self__", None)
    protocol = send.args[0]
    if server is None or not hasattr(server, "connections"):
        return None
    if not hasattr(protocol, "sendPreparedMessage"):
        return None
    return DaphneSocket(server, protocol)


def write_frame(protocol, data: bytes) -> None:
    """Write a ready frame to ``protocol``'s socket, now when possible.

    Only a plain TCP connection with nothing queued is written to directly,
    so bytes never overtake earlier ones. Anything left over, and every other
    case, goes through autobahn and Twisted as usual.
    """
    transport = protocol.transport
    if (
        protocol.send_queue
        or type(transport) is not tcp.Server
        or transport.dataBuffer
        or transport._tempDataBuffer
        or not transport.connected
        or transport.disconnecting
        or transport._writeDisconnected
    ):
        protocol.sendData(data)
        return
    # Twisted's own send: returns the bytes written (0 when the kernel buffer
    # is full) or an exception object when the connection is lost.
    sent = transport.writeSomeData(data)
    if isinstance(sent, Exception):
        sent = 0
    if sent < len(data):
        # The rest waits in Twisted's buffer, which also notices a lost
        # connection on its next write attempt.
        transport.write(data[sent:])


class FrameWriter:
    """Write one text message to many sockets, framing it once per language."""

    def __init__(self, texts: dict) -> None:
        # Language code (or None) -> text of the message.
        self.texts = texts
        self.frames: dict = {}

    def frame(self, language):
        prepared = self.frames.get(language)
        if prepared is None:
            payload = self.texts[language].encode("utf-8")
            prepared = PreparedMessage(payload, False, False, False)
            self.frames[language] = prepared
        return prepared

    @staticmethod
    def is_open(socket: DaphneSocket) -> bool:
        """Apply daphne's own test (``Server.handle_reply``) and autobahn's."""
        entry = socket.server.connections.get(socket.protocol)
        if entry is None or entry.get("disconnected"):
            return False
        return socket.protocol.state == socket.protocol.STATE_OPEN

    def write_now(self, consumer, language) -> bool:
        """Write the text in ``language`` to ``consumer``'s daphne socket
        without awaiting; return False when the consumer has no daphne socket
        and needs ``send_event``. A closed socket counts as written."""
        socket = getattr(consumer, "daphne_socket", None)
        if socket is None:
            return False
        if not self.is_open(socket):
            return True
        protocol = socket.protocol
        prepared = self.frame(language)
        if protocol._perMessageCompress is None:
            write_frame(protocol, prepared.payloadHybi)
        else:
            protocol.sendPreparedMessage(prepared)
        return True

    async def send_event(self, consumer, language, event: dict) -> None:
        """Write ``event``'s text to ``consumer``'s socket in ``language``."""
        if not self.write_now(consumer, language):
            await consumer.base_send(event)
