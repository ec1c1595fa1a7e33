"""HTTP requests reuse a few long-lived threads and their connections."""

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.core.signals import request_started
from django.db import connection

from cms.asgi import application
from cms.request_threads import RequestThreads


class ThreadRecorder:
    """A bare ASGI app whose sync part records its thread, then waits."""

    def __init__(self, hold: asyncio.Event | None = None) -> None:
        self.threads: list[int] = []
        self.hold = hold

    async def __call__(self, scope, receive, send):
        # Two thread-sensitive calls of one request must share a thread.
        first = await sync_to_async(threading.get_ident)()
        if self.hold is not None:
            await self.hold.wait()
        second = await sync_to_async(threading.get_ident)()
        self.threads.append((first, second))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def get(app, path="/"):
    communicator = HttpCommunicator(app, "GET", path, headers=[(b"host", b"localhost")])
    response = await communicator.get_response(timeout=5)
    # Let the application finish (Django closes the response and sends
    # request_finished after the body), as a server would.
    await communicator.wait(timeout=5)
    return response


@pytest.mark.asyncio
async def test_one_thread_serves_request_after_request():
    recorder = ThreadRecorder()
    app = RequestThreads(recorder, size=1)

    for _ in range(3):
        response = await get(app)
        assert response["status"] == 204

    threads = {thread for pair in recorder.threads for thread in pair}
    assert len(recorder.threads) == 3
    assert len(threads) == 1
    assert threads != {threading.get_ident()}


@pytest.mark.asyncio
async def test_concurrent_requests_share_bounded_threads():
    hold = asyncio.Event()
    recorder = ThreadRecorder(hold)
    app = RequestThreads(recorder, size=2)

    requests = [asyncio.ensure_future(get(app)) for _ in range(3)]
    await asyncio.sleep(0.2)
    # Two requests hold both threads; the third waits for one of them.
    assert app.idle_executors().empty()
    assert recorder.threads == []
    hold.set()
    responses = await asyncio.gather(*requests)

    assert [response["status"] for response in responses] == [204, 204, 204]
    assert all(first == second for first, second in recorder.threads)
    assert len({first for first, _ in recorder.threads}) == 2


def test_size_below_one_is_refused():
    with pytest.raises(ValueError, match="at least one thread"):
        RequestThreads(ThreadRecorder(), size=0)


@pytest.mark.asyncio
async def test_websocket_scope_passes_through_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    wrapper = RequestThreads(app, size=1)
    await wrapper({"type": "websocket", "path": "/"}, None, None)

    assert seen == ["websocket"]
    assert not wrapper.idle_executors().empty()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_site_requests_reuse_thread_and_database_connection():
    """Through the real site: three page requests run on one request thread
    and, on SQLite, reuse one database connection."""
    seen = []

    def record(**kwargs):
        # Opening nothing here: a connection left open in a request thread
        # would outlive the test database on PostgreSQL.
        seen.append((threading.get_ident(), connection.connection))

    request_started.connect(record)
    try:
        for _ in range(3):
            # Wagtail looks the site up in the database, in the request thread.
            response = await get(application, "/aucune-page-ici/")
            assert response["status"] == 404
    finally:
        request_started.disconnect(record)

    assert len(seen) == 3
    assert len({thread for thread, _connection in seen}) == 1
    if connection.vendor == "sqlite":
        # Open since the first request, still the same one.
        assert seen[1][1] is not None
        assert seen[2][1] is seen[1][1]
