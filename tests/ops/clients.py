"""Clients of a running site: voters over HTTP and board watchers over WebSocket.

A watcher follows the contract that the board page's script follows: it
applies each live message whose number is the next one, and fetches the idea
list over HTTP after it connects, after a reconnect and whenever the numbers
skip (a heartbeat carries the current number, so a missed last message is
seen too). Its counts are then what a person on the board would see.
"""

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import random
import re
import secrets
import string
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import websockets

logger = logging.getLogger(__name__)

SEQUENCE_PATTERN = re.compile(r'id="board-sequence"[^>]*data-sequence="(\d+)"')
FIRST_SEQUENCE_PATTERN = re.compile(r'data-first-sequence="(\d+)"')
LIST_SEQUENCE_PATTERN = re.compile(r'id="idea-list"[^>]*data-sequence="(\d+)"')
COUNT_PATTERN = re.compile(r'id="idea-(\d+)-votes"[^>]*>\s*(\d+)\s*<')
HTTP_TIMEOUT_SECONDS = 10
# Seconds a watcher waits for the message a heartbeat announced, as board.js.
GAP_GRACE_SECONDS = 2.0
# Pages of the idea list a watcher fetches: the server's maximum, every idea.
LIST_PAGES = 1000
RECONNECT_DELAY_SECONDS = 0.5
# Threads of a watcher pool that fetch idea lists at the same time.
FETCH_THREADS = 64
CSRF_ALPHABET = string.ascii_letters + string.digits


class VoteFailed(Exception):
    """A vote request got no success response from any worker."""


@dataclass
class Voter:
    """A signed-in person who votes through the HTTP endpoint of the board."""

    session_key: str
    csrf_token: str = field(
        default_factory=lambda: "".join(
            secrets.choice(CSRF_ALPHABET) for _ in range(32)
        )
    )

    def vote(self, base_url: str, idea_id: int, voted: bool = True) -> int:
        """Send one vote to one worker and return the HTTP status."""
        return self.vote_with_body(base_url, idea_id, voted)[0]

    def vote_with_body(
        self, base_url: str, idea_id: int, voted: bool = True
    ) -> tuple[int, str]:
        """Send one vote to one worker; return the HTTP status and the body."""
        body = urllib.parse.urlencode({"voted": "1" if voted else "0"}).encode()
        request = urllib.request.Request(  # noqa: S310 - local test server
            f"{base_url}/lab/ideas/{idea_id}/vote/",
            data=body,
            method="POST",
            headers={
                "Cookie": f"sessionid={self.session_key}; csrftoken={self.csrf_token}",
                "X-CSRFToken": self.csrf_token,
                "Origin": base_url,
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(  # noqa: S310 - local test server
                request, timeout=HTTP_TIMEOUT_SECONDS
            ) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def vote_until_stored(
        self, base_urls: list[str], idea_id: int, voted: bool = True, attempts: int = 20
    ) -> str:
        """Vote, moving to the next worker on a failure, as a load balancer would.

        A vote is idempotent (it sets the state), so sending it again after a
        lost response cannot count it twice. Returns the URL that stored it.
        """
        errors = []
        for attempt in range(attempts):
            base_url = base_urls[attempt % len(base_urls)]
            try:
                status = self.vote(base_url, idea_id, voted)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                errors.append(f"{base_url}: {error}")
                continue
            if status == 200:
                return base_url
            errors.append(f"{base_url}: HTTP {status}")
            time.sleep(0.2)
        raise VoteFailed(f"vote on idea {idea_id} failed: {errors[-5:]}")


def session_headers(session: str | None) -> dict[str, str]:
    """Return the cookie header of a signed-in session, or nothing."""
    return {"Cookie": f"sessionid={session}"} if session else {}


def fetch_idea_list(
    base_url: str, board_id: int, session: str | None = None
) -> tuple[int, dict[int, int]]:
    """Return the sequence number and the vote counts of the board's idea list.

    The list is paged. The watcher requests every page, as a person who has
    shown all the ideas, so that each voted idea has a count to compare.
    ``session`` signs the request in: the general boards are for staff.
    """
    request = urllib.request.Request(  # noqa: S310 - local test server
        f"{base_url}/lab/boards/{board_id}/ideas/?page={LIST_PAGES}",
        headers={"HX-Request": "true", **session_headers(session)},
    )
    with urllib.request.urlopen(  # noqa: S310 - local test server
        request, timeout=HTTP_TIMEOUT_SECONDS
    ) as response:
        html = response.read().decode()
    match = LIST_SEQUENCE_PATTERN.search(html)
    if match is None:
        raise ValueError(f"the idea list of board {board_id} has no sequence number")
    counts = {int(idea): int(count) for idea, count in COUNT_PATTERN.findall(html)}
    return int(match.group(1)), counts


@dataclass
class WatcherState:
    sequence: int = -1
    counts: dict[int, int] = field(default_factory=dict)
    connects: int = 0
    resyncs: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)


async def close_on_stop(socket, stop: asyncio.Event) -> None:
    """Close ``socket`` once ``stop`` is set, which ends its reading loop."""
    await stop.wait()
    await socket.close()


class BoardWatcher:
    """One socket on a board, reconnecting to the next worker when it drops."""

    def __init__(
        self,
        socket_urls: list[str],
        base_urls: list[str],
        board_id: int,
        *,
        resync_on_connect: bool = True,
        start_delay: float = 0.0,
        session: str | None = None,
    ):
        self.socket_urls = socket_urls
        # The session key the socket and the list requests are signed in
        # with: the general boards are for the Département's staff.
        self.session = session
        self.base_urls = base_urls
        self.board_id = board_id
        self.state = WatcherState()
        self.worker = 0
        # False only for load runs: the first message's number is then taken
        # as the starting point, so a thousand sockets that connect at once
        # do not fetch the list a thousand times. Counts start unknown.
        self.resync_on_connect = resync_on_connect
        # Seconds to wait before the first connection, to spread a load run's
        # handshakes over time instead of opening them all at once.
        self.start_delay = start_delay
        self.on_counts: Callable[[dict[int, int], float], None] | None = None
        self.gap_check: asyncio.Task | None = None

    async def run(self, stop: asyncio.Event) -> None:
        if self.start_delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.start_delay)
        failures = 0
        while not stop.is_set():
            url = self.socket_urls[self.worker % len(self.socket_urls)]
            origin = self.base_urls[self.worker % len(self.base_urls)]
            try:
                async with websockets.connect(
                    url,
                    origin=origin,
                    additional_headers=session_headers(self.session),
                    open_timeout=30,
                    max_queue=None,
                ) as socket:
                    failures = 0
                    self.state.connects += 1
                    if self.resync_on_connect or self.state.connects > 1:
                        await self.resync()
                    closer = asyncio.create_task(close_on_stop(socket, stop))
                    try:
                        await self.listen(socket)
                    finally:
                        closer.cancel()
                    if not stop.is_set():
                        # A clean close by the server: reconnect with backoff.
                        raise ConnectionResetError("the server closed the socket")
            except (OSError, websockets.WebSocketException, TimeoutError) as error:
                self.state.errors.append(f"{url}: {error!r}")
                self.worker += 1
                failures += 1
                # Exponential backoff with jitter, as a browser page should
                # do, so that a restarted worker is not hit by every client
                # at the same instant.
                delay = min(10.0, RECONNECT_DELAY_SECONDS * 2 ** (failures - 1))
                delay *= 0.5 + random.random()  # noqa: S311 - not for security
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)

    async def listen(self, socket) -> None:
        """Apply messages until the socket closes.

        A plain ``async for``: a load run's client reads thousands of messages
        a second, and a timeout per ``recv`` (a task and a timer each) made
        the client, not the server, the bottleneck.
        """
        async for text in socket:
            self.state.messages += 1
            if 'data-event="heartbeat"' in text:
                # The server closes sockets whose client stays silent for
                # several heartbeats, as the board page's script answers.
                await socket.send(json.dumps({"type": "board.pong"}))
            await self.apply(text)

    async def apply(self, text: str) -> None:
        match = SEQUENCE_PATTERN.search(text)
        if match is None or 'data-event="presence"' in text:
            # Presence markers carry the number 0, not a message number. Read
            # as a starting number, it made every watcher fetch the list once.
            return
        sequence = int(match.group(1))
        # A batch of vote counts replaces messages first..sequence.
        first_match = FIRST_SEQUENCE_PATTERN.search(text)
        first = int(first_match.group(1)) if first_match else sequence
        heartbeat = 'data-event="heartbeat"' in text
        if self.state.sequence < 0 and not self.resync_on_connect:
            self.state.sequence = sequence if heartbeat else first - 1
        if sequence <= self.state.sequence:
            return
        if heartbeat:
            # As board.js does: the heartbeat reads the database's number,
            # whose message may still be on its way (a batch waits up to
            # 250 ms), so the list is fetched only if it does not come.
            self.schedule_gap_check(sequence)
            return
        if first > self.state.sequence + 1:
            await self.resync()
            return
        self.state.sequence = sequence
        counts = {int(idea): int(count) for idea, count in COUNT_PATTERN.findall(text)}
        self.state.counts.update(counts)
        if counts and self.on_counts is not None:
            self.on_counts(counts, time.monotonic())

    def schedule_gap_check(self, sequence: int) -> None:
        if self.gap_check is None or self.gap_check.done():
            self.gap_check = asyncio.create_task(self.check_gap(sequence))

    async def check_gap(self, sequence: int) -> None:
        await asyncio.sleep(GAP_GRACE_SECONDS)
        if self.state.sequence < sequence:
            await self.resync()

    async def resync(self) -> None:
        """Fetch the idea list through a worker that answers."""
        for offset in range(len(self.base_urls)):
            base_url = self.base_urls[(self.worker + offset) % len(self.base_urls)]
            try:
                sequence, counts = await asyncio.to_thread(
                    fetch_idea_list, base_url, self.board_id, self.session
                )
            except (OSError, ValueError) as error:
                self.state.errors.append(f"resync {base_url}: {error!r}")
                continue
            self.state.resyncs += 1
            if sequence >= self.state.sequence:
                self.state.sequence = sequence
                self.state.counts = counts
                if self.on_counts is not None:
                    self.on_counts(counts, time.monotonic())
            return


class WatcherPool:
    """Board watchers running on an event loop in a background thread."""

    def __init__(self, watchers: list[BoardWatcher]):
        self.watchers = watchers
        self.loop = asyncio.new_event_loop()
        self.stop_event: asyncio.Event | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.started = threading.Event()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        # Each watcher fetches the list in a thread, as a browser would on
        # its own. The default executor's six threads made hundreds of
        # watchers that saw the same gap wait for each other, which the
        # load run then counted as fan-out latency.
        executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=FETCH_THREADS, thread_name_prefix="watcher-fetch"
        )
        self.loop.set_default_executor(executor)
        try:
            self.loop.run_until_complete(self._main())
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    async def _main(self) -> None:
        self.stop_event = asyncio.Event()
        self.started.set()
        await asyncio.gather(
            *(watcher.run(self.stop_event) for watcher in self.watchers)
        )

    def __enter__(self) -> "WatcherPool":
        self.thread.start()
        self.started.wait(timeout=10)
        return self

    def __exit__(self, *exc_info) -> None:
        self.loop.call_soon_threadsafe(self.stop_event.set)
        self.thread.join(timeout=30)

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.2)
        return condition()
