"""Run the sync part of each HTTP request on one of a few long-lived threads.

Django's ASGI handler opens a fresh ``ThreadSensitiveContext`` for every
request, so asgiref starts a new thread per request and stops it afterwards.
Database connections belong to a thread, so each request also opens and
closes its own connection, whatever ``CONN_MAX_AGE`` is set to. On this project's
vote request that was a large share of the CPU (see docs/benchmarks.md).

``RequestThreads`` wraps Django's HTTP application and enters the context
first, with an executor taken from a fixed set of single-thread executors
(asgiref's ``ThreadSensitiveContext(executor=…)``). Django's own context then
finds one already set and reuses it, so every sync call of the request still
runs on one thread, as Django expects, and the thread and its connection
serve the next requests too. The number of threads also bounds how many sync
views run at once in a worker. Further requests wait for a free thread
without blocking the event loop.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.db import close_old_connections

logger = logging.getLogger(__name__)

DEFAULT_THREADS = 8


class RequestThreads:
    """ASGI middleware that lends each HTTP request one of ``size`` threads."""

    def __init__(self, app, size: int = DEFAULT_THREADS) -> None:
        if size < 1:
            raise ValueError(f"RequestThreads needs at least one thread, not {size}")
        self.app = app
        self.size = size
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{index}")
            for index in range(size)
        ]
        # Last in, first out, so that a quiet worker keeps reusing the same
        # warm thread and connection. One queue per event loop: tests run a
        # loop per test, a server one.
        self.idle: asyncio.LifoQueue | None = None
        self.idle_loop = None

    def idle_executors(self) -> asyncio.LifoQueue:
        loop = asyncio.get_running_loop()
        if self.idle is None or self.idle_loop is not loop:
            queue = asyncio.LifoQueue()
            for executor in self.executors:
                queue.put_nowait(executor)
            self.idle, self.idle_loop = queue, loop
        return self.idle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        idle = self.idle_executors()
        if idle.empty():
            logger.debug(
                "request %s %s waits: all %s request threads are busy",
                scope.get("method"),
                scope.get("path"),
                self.size,
            )
        executor = await idle.get()
        finished = False
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
            finished = True
        finally:
            if not finished:
                # Cancelled or failed before Django sent request_finished, so
                # nothing closed the thread's connection: close it there now
                # rather than at the thread's next request.
                executor.submit(close_old_connections)
                logger.debug(
                    "request %s %s ended early; connections closed on its thread",
                    scope.get("method"),
                    scope.get("path"),
                )
            # A view whose client went away may still run on this thread; the
            # next request's calls then queue behind it on the same executor.
            idle.put_nowait(executor)
