"""The prepared-frame path of the board fan-out, on daphne's own objects."""

import asyncio

import pytest
from daphne.server import Server
from daphne.ws_protocol import WebSocketFactory
from twisted.internet.address import IPv4Address
from twisted.internet.testing import StringTransport

from ideation.realtime.frames import FrameWriter, find_daphne_socket
from ideation.realtime.hub import websocket_text


def open_daphne_socket():
    """Return a daphne server, an open socket protocol and its transport."""
    # Endpoints are only checked here; nothing listens until run().
    server = Server(application=None, endpoints=["tcp:port=0:interface=127.0.0.1"])
    server.connections = {}
    factory = WebSocketFactory(server)
    protocol = factory.buildProtocol(IPv4Address("TCP", "127.0.0.1", 9))
    transport = StringTransport()
    protocol.makeConnection(transport)
    protocol.state = protocol.STATE_OPEN
    server.connections[protocol] = {}
    return server, protocol, transport


def daphne_send(server, protocol):
    """Build the ``send`` callable exactly as daphne gives it to a consumer."""
    captured = []

    async def application(scope, receive, send):
        captured.append(send)

    server.application = application

    async def create():
        server.create_application(protocol, {"type": "websocket"})
        await asyncio.sleep(0)

    asyncio.run(create())
    return captured[0]


class FakeConsumer:
    def __init__(self, send, language):
        self.base_send = send
        self.language = language
        self.daphne_socket = find_daphne_socket(send)
        self.sent = []


def decode_text_frame(data: bytes) -> str:
    """Decode one unmasked server text frame (payloads under 64 KiB)."""
    assert data[0] == 0x81, "a final text frame"
    length = data[1] & 0x7F
    offset = 2
    if length == 126:
        length = int.from_bytes(data[2:4], "big")
        offset = 4
    return data[offset : offset + length].decode("utf-8")


def test_daphne_send_is_recognised():
    server, protocol, _transport = open_daphne_socket()
    send = daphne_send(server, protocol)
    found = find_daphne_socket(send)
    assert found.server is server
    assert found.protocol is protocol


def test_other_sends_keep_the_standard_path():
    async def plain_send(message):
        return None

    assert find_daphne_socket(plain_send) is None
    assert find_daphne_socket(None) is None


def test_prepared_frame_per_language():
    sockets = [open_daphne_socket() for _ in range(3)]
    consumers = []
    for (server, protocol, _transport), language in zip(
        sockets, ["fr", "en", "fr"], strict=True
    ):
        consumers.append(FakeConsumer(daphne_send(server, protocol), language))
    texts = {"fr": "<p>Idée « é » reçue</p>" * 20, "en": "<p>Idea received</p>"}
    writer = FrameWriter(texts)

    async def send_all():
        for consumer in consumers:
            event = websocket_text(texts[consumer.language])
            await writer.send_event(consumer, consumer.language, event)

    asyncio.run(send_all())

    received = [decode_text_frame(transport.value()) for _s, _p, transport in sockets]
    assert received == [texts["fr"], texts["en"], texts["fr"]]
    # One frame per language, shared by the sockets of that language.
    assert set(writer.frames) == {"fr", "en"}


def test_closed_socket_is_skipped():
    server, protocol, transport = open_daphne_socket()
    consumer = FakeConsumer(daphne_send(server, protocol), "fr")
    server.connections[protocol]["disconnected"] = True
    writer = FrameWriter({"fr": "bonjour"})

    asyncio.run(writer.send_event(consumer, "fr", websocket_text("bonjour")))

    assert transport.value() == b""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_consumer_without_daphne_uses_base_send(language):
    sent = []

    async def plain_send(message):
        sent.append(message)

    consumer = FakeConsumer(plain_send, language)
    writer = FrameWriter({language: "texte"})
    event = websocket_text("texte")

    asyncio.run(writer.send_event(consumer, language, event))

    assert sent == [event]
    assert writer.frames == {}


# The auth middleware may touch the database (its thread closes stale
# connections first), so the test allows it rather than fail by test order.
@pytest.mark.django_db(transaction=True)
def test_daphne_send_is_recognised_through_the_site_middleware():
    """The board's consumers sit behind the same middleware as in cms.asgi;
    the session wrapper must not hide daphne's socket."""
    from channels.auth import AuthMiddlewareStack
    from channels.security.websocket import AllowedHostsOriginValidator

    server, protocol, _transport = open_daphne_socket()
    captured = []

    async def consumer(scope, receive, send):
        captured.append(send)

    server.application = AllowedHostsOriginValidator(AuthMiddlewareStack(consumer))
    scope = {
        "type": "websocket",
        "path": "/ws/lab/",
        "headers": [(b"host", b"localhost"), (b"origin", b"http://localhost")],
    }

    async def create():
        server.create_application(protocol, scope)
        instance = server.connections[protocol]["application_instance"]
        # The auth middleware reads the session in a thread first.
        for _ in range(500):
            if captured or instance.done():
                break
            await asyncio.sleep(0.01)
        return instance.exception() if instance.done() else None

    failure = asyncio.run(create())

    assert captured, f"the middleware did not reach the consumer: {failure!r}"
    assert captured[0] is not server.handle_reply
    found = find_daphne_socket(captured[0])
    assert found is not None
    assert found.protocol is protocol


class RecordingReactor:
    """Just enough of a reactor for a Twisted TCP connection: it records
    which sockets asked to be written later."""

    def __init__(self):
        self.writers = set()

    def addWriter(self, descriptor):  # noqa: N802 - Twisted's interface
        self.writers.add(descriptor)

    def removeWriter(self, descriptor):  # noqa: N802
        self.writers.discard(descriptor)

    def addReader(self, descriptor):  # noqa: N802
        pass

    def removeReader(self, descriptor):  # noqa: N802
        pass


def open_tcp_socket():
    """Return an open autobahn protocol on a real TCP transport, the peer end
    of its socket pair, and the reactor of the transport."""
    import socket

    from twisted.internet import tcp

    server, protocol, _string_transport = open_daphne_socket()
    ours, peer = socket.socketpair()
    ours.setblocking(False)
    peer.setblocking(False)
    reactor = RecordingReactor()
    transport = tcp.Server(ours, protocol, ("127.0.0.1", 9), None, 1, reactor)
    protocol.transport = transport
    return server, protocol, peer, reactor


def test_frame_sent_directly_when_idle():
    server, protocol, peer, reactor = open_tcp_socket()
    consumer = FakeConsumer(daphne_send(server, protocol), "fr")
    writer = FrameWriter({"fr": "Vote « reçu »"})

    asyncio.run(writer.send_event(consumer, "fr", websocket_text("unused")))

    # Already in the kernel: no event-loop turn ran, nothing was buffered.
    assert decode_text_frame(peer.recv(4096)) == "Vote « reçu »"
    assert reactor.writers == set()
    assert protocol.transport._tempDataBuffer == []


def test_frame_queued_behind_earlier_bytes():
    server, protocol, peer, reactor = open_tcp_socket()
    consumer = FakeConsumer(daphne_send(server, protocol), "fr")
    protocol.transport.write(b"earlier")
    writer = FrameWriter({"fr": "après"})

    asyncio.run(writer.send_event(consumer, "fr", websocket_text("unused")))

    # Nothing may overtake the queued bytes: both wait for the reactor.
    with pytest.raises(BlockingIOError):
        peer.recv(4096)
    queued = b"".join(protocol.transport._tempDataBuffer)
    assert queued.startswith(b"earlier")
    assert decode_text_frame(queued[len(b"earlier") :]) == "après"
    assert reactor.writers == {protocol.transport}
