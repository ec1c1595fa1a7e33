"""Django's ASGI handler, with sync views served in one trip to a thread.

Under ASGI, Django builds its middleware chain in async mode. The project's
middleware is sync, so Django runs the chain on the request's thread. It then
comes back to the event loop to resolve the view (``_get_response_async``)
and goes to the thread again to call it. On the vote request these two extra
trips cost about 1 ms of its 6.6 ms of CPU (measured with the fan-out
benchmark's site, docs/benchmarks.md).

``SyncViewsASGIHandler`` keeps a second chain built in sync mode, as under
WSGI, and runs a request whose view is sync through it with a single
``sync_to_async`` call. Requests to async views (``/healthz``, which must
run on the event loop to reach the channel layer) keep Django's own path.
"""

from inspect import iscoroutinefunction

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.urls import Resolver404, get_resolver


class SyncViewsASGIHandler(ASGIHandler):
    """ASGI handler that serves sync views with one thread hop per request."""

    def __init__(self) -> None:
        super().__init__()
        # Each handler keeps its view, template-response and exception
        # middleware lists adapted to its own mode, so the sync chain needs a
        # handler object of its own.
        self.sync_handler = BaseHandler()
        self.sync_handler.load_middleware(is_async=False)

    async def get_response_async(self, request):
        if self.view_is_async(request):
            return await super().get_response_async(request)
        return await sync_to_async(self.sync_handler.get_response)(request)

    @staticmethod
    def view_is_async(request) -> bool:
        """Return whether the request's view is a coroutine function.

        A path that does not resolve here (a language prefix that only
        ``LocaleMiddleware`` activates, or a 404) takes the sync chain, which
        still runs an async view correctly, only with more thread hops.
        """
        try:
            match = get_resolver().resolve(request.path_info)
        except Resolver404:
            return False
        return iscoroutinefunction(match.func)
