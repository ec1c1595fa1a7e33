"""The kiosk WebSocket: token check, heartbeat, and pushed content versions."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections

from cms.asgi import application
from kiosk import services
from tests.ideation.conftest import fresh_channel_layers  # noqa: F401
from tests.kiosk.conftest import SCREEN_TOKEN

# Each test gets its own channel layer, closed inside its loop: one layer
# shared by tests that each run their own loop once left a Redis receive
# that the loop's teardown could not cancel, and the run stopped there.
pytestmark = pytest.mark.usefixtures("fresh_channel_layers")

ORIGIN = [(b"origin", b"http://testserver")]
TIMEOUT = 5


def communicator(token=SCREEN_TOKEN, headers=ORIGIN):
    return WebsocketCommunicator(application, f"/ws/kiosk/{token}/", headers=headers)


async def run_sync(function, *args):
    def call():
        try:
            return function(*args)
        finally:
            connections.close_all()

    return await sync_to_async(call)()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_unknown_token_refused(screen):
    socket = communicator("wrong-token")

    connected, _ = await socket.connect(timeout=TIMEOUT)

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_token_with_nul_refused(screen):
    # "%00" in the socket URL arrives decoded as NUL.
    socket = communicator(SCREEN_TOKEN + "\x00")

    connected, _ = await socket.connect(timeout=TIMEOUT)

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_foreign_origin_refused(screen):
    socket = communicator(headers=[(b"origin", b"https://evil.example")])

    connected, _ = await socket.connect(timeout=TIMEOUT)

    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_content_change_pushed_to_screen(screen):
    socket = communicator()
    connected, _ = await socket.connect(timeout=TIMEOUT)
    assert connected
    first = await socket.receive_json_from(timeout=TIMEOUT)

    await run_sync(services.raise_content_version, "test", None)
    pushed = await socket.receive_json_from(timeout=TIMEOUT)
    await socket.disconnect()

    assert first["type"] == "heartbeat"
    assert pushed == {"type": "content.version", "version": first["version"] + 1}
