"""The ASGI handler serves sync views in one trip to the request's thread."""

import threading

import pytest
from asgiref.sync import AsyncToSync
from channels.testing import HttpCommunicator
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpResponse
from django.urls import path

from cms.asgi_handler import SyncViewsASGIHandler


def sync_view(request):
    return HttpResponse(f"sync {threading.get_ident()}")


async def async_view(request):
    return HttpResponse(f"async {threading.get_ident()}")


urlpatterns = [
    path("sync/", sync_view),
    path("async/", async_view),
]


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def async_to_sync_calls(monkeypatch):
    """Count the trips from a thread back to the event loop."""
    calls = []
    original = AsyncToSync.__call__

    def counting(self, *args, **kwargs):
        calls.append(getattr(self.awaitable, "__qualname__", repr(self.awaitable)))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AsyncToSync, "__call__", counting)
    return calls


async def get(app, path):
    communicator = HttpCommunicator(app, "GET", path, headers=[(b"host", b"localhost")])
    response = await communicator.get_response(timeout=5)
    await communicator.wait(timeout=5)
    return response


@pytest.mark.asyncio
@pytest.mark.usefixtures("test_urls")
async def test_sync_view_makes_one_trip(async_to_sync_calls):
    response = await get(SyncViewsASGIHandler(), "/sync/")

    assert response["status"] == 200
    assert response["body"].startswith(b"sync ")
    assert async_to_sync_calls == []


@pytest.mark.asyncio
@pytest.mark.usefixtures("test_urls")
async def test_django_handler_makes_the_extra_trip(async_to_sync_calls):
    """The trip that SyncViewsASGIHandler saves, seen in Django's own handler."""
    response = await get(ASGIHandler(), "/sync/")

    assert response["status"] == 200
    assert "BaseHandler._get_response_async" in async_to_sync_calls


@pytest.mark.asyncio
@pytest.mark.usefixtures("test_urls")
async def test_async_view_runs_on_the_event_loop():
    response = await get(SyncViewsASGIHandler(), "/async/")

    assert response["status"] == 200
    assert response["body"] == f"async {threading.get_ident()}".encode()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_unknown_page_gets_the_site_404(async_to_sync_calls):
    """A path of no view falls to Wagtail's page serving, a sync view."""
    response = await get(SyncViewsASGIHandler(), "/fr/nulle-part/")

    assert response["status"] == 404
    assert b"Page introuvable" in response["body"]
    assert async_to_sync_calls == []


@pytest.mark.asyncio
@pytest.mark.usefixtures("test_urls")
async def test_sync_chain_applies_the_middleware():
    response = await get(SyncViewsASGIHandler(), "/sync/")

    headers = {name.lower(): value for name, value in response["headers"]}
    # SecurityMiddleware and the project's own security headers ran.
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert b"content-security-policy" in headers
