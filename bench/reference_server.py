"""The reference: a bare broadcast server written with ``websockets``.

Watchers open a WebSocket on any path. ``GET /vote?idea=N`` adds one vote to
idea N in memory, answers the new count, and sends ``N:count`` to every
watcher: one message per vote, no batching, no database.

Run: ``python -m bench.reference_server PORT``.
"""

import asyncio
import http
import sys
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import broadcast, serve

counts: dict[int, int] = {}
watchers: set = set()


def process_request(connection, request):
    url = urlsplit(request.path)
    if url.path != "/vote":
        return None  # a WebSocket handshake
    idea_id = int(parse_qs(url.query)["idea"][0])
    counts[idea_id] = counts.get(idea_id, 0) + 1
    broadcast(watchers, f"{idea_id}:{counts[idea_id]}")
    return connection.respond(http.HTTPStatus.OK, str(counts[idea_id]))


async def handle(connection):
    watchers.add(connection)
    try:
        await connection.wait_closed()
    finally:
        watchers.discard(connection)


async def main(port: int) -> None:
    async with serve(
        handle, "127.0.0.1", port, process_request=process_request, compression=None
    ) as server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
