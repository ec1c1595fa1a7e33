"""Fan-out benchmark of the live board against a bare ``websockets`` server.

For each number of watchers N, the benchmark connects N WebSocket clients to
one board, then 50 voters cast real votes through the HTTP endpoint at each
vote rate for a fixed time. The same watchers and rates then run against the
reference server (``bench/reference_server.py``), which sends one message per
vote. Reported per cell: p50 and p99 latency from a vote's HTTP response to
the moment the last watcher holds a count that includes it, deliveries per
second, server CPU, memory per connection, and lost or wrong final counts.

Every server runs on a free port of 127.0.0.1 with a database of its own.
Usage: ``python -m bench.fanout [--quick] [--watchers 100,300,1000]
[--rates 5,20,50] [--duration 25] [--database-url postgres://…/sc_bench]
[--redis-url redis://127.0.0.1:6379/5]``.
"""

import argparse
import asyncio
import json
import logging
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median_high

import psutil
import requests
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

logger = logging.getLogger("bench.fanout")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
VOTERS = 50
DRAIN_TIMEOUT_SECONDS = 10
CONNECT_CONCURRENCY = 20
CONNECT_ATTEMPTS = 5
WARM_UP_WATCHERS = 5
COUNT_PATTERN = re.compile(r'id="idea-(\d+)-votes"[^>]*>(\d+)<')


# Servers


def find_free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local server
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@dataclass
class Site:
    """The Smart Corner site under test, seeded with a board and voters."""

    process: subprocess.Popen
    base_url: str
    board_key: str
    ideas: list[int]
    vote_paths: dict[str, str]
    voters: list[dict]
    launch: Callable[[], tuple[subprocess.Popen, str]] = field(repr=False)
    name: str = "smartcorner"

    def restart(self) -> None:
        """Start a new server process, so that each pass measures its own
        memory from a fresh process."""
        stop_process(self.process)
        self.process, self.base_url = self.launch()

    @property
    def ws_url(self) -> str:
        return (
            self.base_url.replace("http", "ws", 1) + f"/ws/lab/boards/{self.board_key}/"
        )

    def watcher_headers(self, index: int) -> dict[str, str]:
        """Sign each watcher in as one of the voters, taken in turn: the
        general boards are for the Département's staff."""
        session = self.voters[index % len(self.voters)]["session"]
        return {"Cookie": f"sessionid={session}"}

    def vote(self, session: requests.Session, voter: int, idea: int) -> int:
        credentials = self.voters[voter]
        response = session.post(
            self.base_url + self.vote_paths[str(idea)],
            data={"voted": "1"},
            headers={"X-CSRFToken": credentials["csrf"], "HX-Request": "true"},
            cookies={
                "sessionid": credentials["session"],
                "csrftoken": credentials["csrf"],
            },
            timeout=30,
        )
        response.raise_for_status()
        match = COUNT_PATTERN.search(response.text)
        if match is None:
            raise ValueError(f"no count in the vote response of idea {idea}")
        return int(match.group(2))

    @staticmethod
    def parse(text: str) -> tuple[bool, list[tuple[int, int]]]:
        """Return (is a heartbeat, [(idea, count)]) for one message."""
        if 'data-event="heartbeat"' in text:
            return True, []
        if 'data-event="idea.votes_changed"' not in text:
            return False, []
        return False, [
            (int(idea), int(count)) for idea, count in COUNT_PATTERN.findall(text)
        ]


@dataclass
class Reference:
    """The bare ``websockets`` broadcast server."""

    process: subprocess.Popen
    base_url: str
    ideas: list[int]
    launch: Callable[[], tuple[subprocess.Popen, str]] = field(repr=False)
    name: str = "reference"

    def restart(self) -> None:
        stop_process(self.process)
        self.process, self.base_url = self.launch()

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http", "ws", 1) + "/watch"

    @staticmethod
    def watcher_headers(index: int) -> dict[str, str]:
        return {}

    def vote(self, session: requests.Session, voter: int, idea: int) -> int:
        response = session.get(f"{self.base_url}/vote?idea={idea}", timeout=30)
        response.raise_for_status()
        return int(response.text)

    @staticmethod
    def parse(text: str) -> tuple[bool, list[tuple[int, int]]]:
        idea, count = text.split(":")
        return False, [(int(idea), int(count))]


def run_checked(command: list[str], environment: dict, log) -> str:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    log.write(result.stdout + result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start_site(
    work_dir: Path, idea_count: int, database_url: str, redis_url: str
) -> Site:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SMARTCORNER_VAR_DIR=str(work_dir / "var"),
        CHANNELS_PREFIX=f"bench-{os.getpid()}",
        CACHE_PREFIX=f"bench-{os.getpid()}",
    )
    environment.pop("DATABASE_URL", None)
    environment.pop("REDIS_URL", None)
    if database_url:
        from tests.browser.server import recreate_postgres_database

        recreate_postgres_database(database_url)
        environment["DATABASE_URL"] = database_url
    if redis_url:
        environment["REDIS_URL"] = redis_url
    with (work_dir / "setup.log").open("w") as log:
        run_checked(
            [sys.executable, "manage.py", "migrate", "--noinput"], environment, log
        )
        seeded = json.loads(
            run_checked(
                [sys.executable, "-m", "bench.seed", str(VOTERS), str(idea_count)],
                environment,
                log,
            )
        )

    def launch() -> tuple[subprocess.Popen, str]:
        port = find_free_port()
        daphne = Path(sys.executable).with_name("daphne")
        log_file = (work_dir / f"daphne-{port}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [str(daphne), "-b", "127.0.0.1", "-p", str(port), "cms.asgi:application"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        wait_for_http(base_url + "/healthz", process)
        return process, base_url

    process, base_url = launch()
    return Site(process=process, base_url=base_url, launch=launch, **seeded)


def start_reference(work_dir: Path, idea_count: int) -> Reference:
    def launch() -> tuple[subprocess.Popen, str]:
        port = find_free_port()
        log_file = (work_dir / f"reference-{port}.log").open("w")
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "bench.reference_server", str(port)],
            cwd=PROJECT_ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        wait_for_http(base_url + "/vote?idea=0", process)
        return process, base_url

    process, base_url = launch()
    return Reference(
        process=process,
        base_url=base_url,
        ideas=list(range(1, idea_count + 1)),
        launch=launch,
    )


def stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


# Watchers


class Watcher:
    """One WebSocket client that records when each count reached it."""

    def __init__(self, target, index: int = 0) -> None:
        self.target = target
        self.index = index
        self.history: dict[int, list[tuple[float, int]]] = defaultdict(list)
        self.counts: dict[int, int] = {}
        self.deliveries = 0
        self.received: list[tuple[float, str]] = []
        self.connection = None
        self.task = None

    async def open(self) -> None:
        origin = self.target.base_url
        self.connection = await connect(
            self.target.ws_url,
            origin=origin,
            additional_headers=self.target.watcher_headers(self.index),
            compression=None,
            max_size=None,
            ping_interval=None,
            open_timeout=60,
        )
        self.task = asyncio.create_task(self.listen())

    async def listen(self) -> None:
        """Store each message with its arrival time; parse later, so that the
        benchmark's own CPU use delays deliveries as little as possible."""
        try:
            async for text in self.connection:
                self.received.append((time.monotonic(), text))
                if "heartbeat" in text:
                    await self.connection.send('{"type": "board.pong"}')
        except Exception as error:  # noqa: BLE001 - reported, not raised
            logger.warning("watcher stopped: %s", error)

    def parse_received(self) -> None:
        """Parse the messages stored since the last call."""
        for moment, text in self.received:
            _heartbeat, counts = self.target.parse(text)
            if counts:
                self.deliveries += 1
            for idea, count in counts:
                self.history[idea].append((moment, count))
                self.counts[idea] = count
        self.received.clear()

    def first_time_at_least(self, idea: int, count: int) -> float | None:
        for moment, value in self.history.get(idea, ()):
            if value >= count:
                return moment
        return None

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)


async def open_watchers(target, count: int) -> list[Watcher]:
    watchers = [Watcher(target, index) for index in range(count)]
    semaphore = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def open_one(watcher):
        async with semaphore:
            for attempt in range(1, CONNECT_ATTEMPTS + 1):
                try:
                    await watcher.open()
                except (OSError, WebSocketException) as error:
                    if attempt == CONNECT_ATTEMPTS:
                        raise
                    logger.warning("connecting a watcher failed (%s); retrying", error)
                    await asyncio.sleep(attempt)
                else:
                    return

    await asyncio.gather(*(open_one(watcher) for watcher in watchers))
    return watchers


# Voters


@dataclass
class Vote:
    idea: int
    planned: float
    sent: float = 0.0
    responded: float = 0.0
    count: int = 0
    error: str = ""


def plan_votes(
    ideas: list[int], rate: float, duration: float
) -> list[tuple[int, Vote]]:
    """Return (voter, vote) pairs: vote k goes to idea k // 50 from voter k % 50,
    so nobody votes twice for an idea and each voter votes every 50 / rate s."""
    total = int(rate * duration)
    needed = math.ceil(total / VOTERS)
    if needed > len(ideas):
        raise RuntimeError(f"{needed} ideas needed, {len(ideas)} left: seed more")
    return [
        (k % VOTERS, Vote(idea=ideas[k // VOTERS], planned=k / rate))
        for k in range(total)
    ]


def run_voters(target, plan: list[tuple[int, Vote]]) -> float:
    """Cast the planned votes from one thread per voter; return the start."""
    start = time.monotonic() + 0.5
    by_voter: dict[int, list[Vote]] = defaultdict(list)
    for voter, vote in plan:
        by_voter[voter].append(vote)

    def cast(voter: int, votes: list[Vote]) -> None:
        session = requests.Session()
        for vote in votes:
            delay = start + vote.planned - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            vote.sent = time.monotonic()
            try:
                vote.count = target.vote(session, voter, vote.idea)
            except (requests.RequestException, ValueError) as error:
                vote.error = str(error)[:200]
            vote.responded = time.monotonic()

    threads = [
        threading.Thread(target=cast, args=(voter, votes))
        for voter, votes in by_voter.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return start


# Measurements


@dataclass
class Cell:
    server: str
    watchers: int
    rate: float
    duration: float
    votes: int = 0
    vote_errors: int = 0
    achieved_rate: float = 0.0
    p50_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    # From the moment the vote request was sent, for when responses lag.
    p50_from_request_ms: float | None = None
    p99_from_request_ms: float | None = None
    deliveries_per_second: float = 0.0
    cpu_seconds: float = 0.0
    cpu_percent: float = 0.0
    cpu_us_per_delivery: float | None = None
    cpu_us_per_vote_and_watcher: float | None = None
    # CPU minus that of the same rate with no watcher (the vote requests
    # alone), per delivered message; Smart Corner only.
    fanout_cpu_us_per_delivery: float | None = None
    # The event loop's thread alone: it writes to the sockets and parses the
    # HTTP requests, while the views run on the request threads.
    loop_cpu_seconds: float = 0.0
    # The loop thread's CPU minus its CPU per vote with no watcher, per
    # delivered message: the fan-out without the views' noise.
    loop_fanout_cpu_us_per_delivery: float | None = None
    deliveries: int = 0
    elapsed: float = 0.0
    memory_kib_per_connection: float | None = None
    lost_votes: int = 0
    wrong_final_counts: int = 0
    load_average: list[float] = field(default_factory=list)


def loop_thread_cpu(process: psutil.Process) -> float:
    """Return the CPU seconds of the process's main thread, where daphne
    runs the event loop (on Linux its thread id is the process id)."""
    for thread in process.threads():
        if thread.id == process.pid:
            return thread.user_time + thread.system_time
    return 0.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


async def drain(watchers: list[Watcher], finals: dict[int, int]) -> None:
    deadline = time.monotonic() + DRAIN_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        for watcher in watchers:
            watcher.parse_received()
        if all(
            watcher.counts.get(idea, 0) >= count
            for watcher in watchers
            for idea, count in finals.items()
        ):
            return
        await asyncio.sleep(0.1)


def measure_latencies(cell: Cell, votes: list[Vote], watchers: list[Watcher]) -> None:
    """Set the latency percentiles and the lost votes of ``cell``."""
    latencies = []
    from_request = []
    for vote in votes:
        if vote.error:
            continue
        moments = [
            watcher.first_time_at_least(vote.idea, vote.count) for watcher in watchers
        ]
        if not moments:
            continue
        if any(moment is None for moment in moments):
            cell.lost_votes += 1
            continue
        latencies.append(max(0.0, max(moments) - vote.responded) * 1000)
        from_request.append((max(moments) - vote.sent) * 1000)
    if latencies:
        cell.p50_ms = round(percentile(latencies, 0.50), 1)
        cell.p99_ms = round(percentile(latencies, 0.99), 1)
        cell.max_ms = round(max(latencies), 1)
        cell.p50_from_request_ms = round(percentile(from_request, 0.50), 1)
        cell.p99_from_request_ms = round(percentile(from_request, 0.99), 1)


async def run_cell(target, watchers, process, rate, duration, ideas) -> Cell:  # noqa: PLR0917
    cell = Cell(
        server=target.name, watchers=len(watchers), rate=rate, duration=duration
    )
    plan = plan_votes(ideas, rate, duration)
    used = {vote.idea for _voter, vote in plan}
    for watcher in watchers:
        watcher.parse_received()
    deliveries_before = sum(watcher.deliveries for watcher in watchers)
    cpu_before = process.cpu_times()
    loop_before = loop_thread_cpu(process)
    started = time.monotonic()
    await asyncio.to_thread(run_voters, target, plan)
    votes = [vote for _voter, vote in plan]
    finals: dict[int, int] = {}
    for vote in votes:
        if not vote.error:
            finals[vote.idea] = max(finals.get(vote.idea, 0), vote.count)
    await drain(watchers, finals)
    for watcher in watchers:
        watcher.parse_received()
    elapsed = time.monotonic() - started
    cpu_after = process.cpu_times()
    cell.loop_cpu_seconds = round(loop_thread_cpu(process) - loop_before, 3)
    for idea in used:
        ideas.remove(idea)

    cell.votes = len(votes)
    cell.vote_errors = sum(1 for vote in votes if vote.error)
    last_response = max(vote.responded for vote in votes)
    cell.achieved_rate = round(
        len(votes) / max(0.001, last_response - min(v.responded for v in votes)), 1
    )
    measure_latencies(cell, votes, watchers)
    cell.wrong_final_counts = sum(
        1
        for watcher in watchers
        for idea, count in finals.items()
        if watcher.counts.get(idea) != count
    )
    deliveries = sum(watcher.deliveries for watcher in watchers) - deliveries_before
    cell.deliveries = deliveries
    cell.elapsed = round(elapsed, 2)
    cell.deliveries_per_second = round(deliveries / elapsed, 1)
    cpu = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    cell.cpu_seconds = round(cpu, 2)
    cell.cpu_percent = round(100 * cpu / elapsed, 1)
    if deliveries:
        cell.cpu_us_per_delivery = round(cpu / deliveries * 1e6, 1)
    successful = len(votes) - cell.vote_errors
    if successful and watchers:
        cell.cpu_us_per_vote_and_watcher = round(
            cpu / (successful * len(watchers)) * 1e6, 2
        )
    cell.load_average = [round(value, 2) for value in os.getloadavg()]
    return cell


async def run_target(target, watcher_counts, rates, duration) -> list[Cell]:
    process = psutil.Process(target.process.pid)
    ideas = list(target.ideas)
    cells = []
    if target.name == "smartcorner":
        # The cost of the vote requests alone, to tell it from the fan-out's.
        for rate in rates:
            logger.info("%s: no watcher, %s votes/s", target.name, rate)
            cells.append(await run_cell(target, [], process, rate, duration, ideas))
    for count in watcher_counts:
        await asyncio.to_thread(target.restart)
        process = psutil.Process(target.process.pid)
        # A few connections first, so that the memory of the first one
        # (imports, the hub) is not counted per connection.
        warm_up = await open_watchers(target, WARM_UP_WATCHERS)
        await asyncio.gather(*(watcher.close() for watcher in warm_up))
        await asyncio.sleep(1)
        rss_before = process.memory_info().rss
        watchers = await open_watchers(target, count)
        await asyncio.sleep(2)  # presence updates and first heartbeats settle
        rss_after = process.memory_info().rss
        per_connection = (rss_after - rss_before) / 1024 / count
        for rate in rates:
            logger.info("%s: %s watchers, %s votes/s", target.name, count, rate)
            cell = await run_cell(target, watchers, process, rate, duration, ideas)
            cell.memory_kib_per_connection = round(per_connection, 1)
            cells.append(cell)
            logger.info("%s", asdict(cell))
        await asyncio.gather(*(watcher.close() for watcher in watchers))
        await asyncio.sleep(2)
    return cells


def fanout_us_per_delivery(cells: list[Cell], attribute: str) -> dict[int, float]:
    """Return, by cell id, the CPU of ``attribute`` per delivered message after
    subtracting the CPU per vote of the same rate with no watcher."""
    per_vote = {
        cell.rate: getattr(cell, attribute) / (cell.votes - cell.vote_errors)
        for cell in cells
        if cell.server == "smartcorner"
        and cell.watchers == 0
        and cell.votes > cell.vote_errors
    }
    estimates = {}
    for cell in cells:
        baseline = per_vote.get(cell.rate)
        if cell.server != "smartcorner" or not cell.deliveries or baseline is None:
            continue
        votes_cpu = baseline * (cell.votes - cell.vote_errors)
        fanout_cpu = max(0.0, getattr(cell, attribute) - votes_cpu)
        estimates[id(cell)] = round(fanout_cpu / cell.deliveries * 1e6, 1)
    return estimates


def add_fanout_cpu(cells: list[Cell]) -> None:
    """Estimate each cell's fan-out CPU, from the whole process and from the
    event loop's thread: its CPU minus the CPU per vote of the same rate with
    no watcher, times the votes the cell cast."""
    whole = fanout_us_per_delivery(cells, "cpu_seconds")
    loop = fanout_us_per_delivery(cells, "loop_cpu_seconds")
    for cell in cells:
        cell.fanout_cpu_us_per_delivery = whole.get(id(cell))
        cell.loop_fanout_cpu_us_per_delivery = loop.get(id(cell))


def describe_machine() -> dict:
    cpu_model = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    free = subprocess.run(["free", "-m"], capture_output=True, text=True, check=False)
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "free_m": free.stdout.strip(),
        "python": platform.python_version(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def ideas_needed(watcher_counts, rates, duration) -> int:
    return (
        # One pass per number of watchers, plus the pass with no watcher.
        sum(math.ceil(rate * duration / VOTERS) for rate in rates)
        * (len(watcher_counts) + 1)
        + 2
    )


TABLE_COLUMNS = [
    ("server", "server"),
    ("watchers", "watchers"),
    ("votes/s", "rate"),
    ("achieved votes/s", "achieved_rate"),
    ("p50 ms", "p50_ms"),
    ("p99 ms", "p99_ms"),
    ("p50 ms from request", "p50_from_request_ms"),
    ("p99 ms from request", "p99_from_request_ms"),
    ("deliveries/s", "deliveries_per_second"),
    ("server CPU %", "cpu_percent"),
    ("CPU µs/delivery", "cpu_us_per_delivery"),
    ("fan-out CPU µs/delivery", "fanout_cpu_us_per_delivery"),
    ("loop thread fan-out CPU µs/delivery", "loop_fanout_cpu_us_per_delivery"),
    ("CPU µs/(vote × watcher)", "cpu_us_per_vote_and_watcher"),
    ("KiB/connection", "memory_kib_per_connection"),
    ("vote errors", "vote_errors"),
    ("lost", "lost_votes"),
    ("wrong final counts", "wrong_final_counts"),
]


def format_table(cells: list[Cell]) -> str:
    """Return the cells as a Markdown table."""
    lines = [
        "| " + " | ".join(title for title, _name in TABLE_COLUMNS) + " |",
        "|" + "---|" * len(TABLE_COLUMNS),
    ]
    for cell in cells:
        values = [getattr(cell, name) for _title, name in TABLE_COLUMNS]
        shown = [
            "–"
            if value is None
            else f"{value:g}"
            if isinstance(value, float)
            else str(value)
            for value in values
        ]
        lines.append("| " + " | ".join(shown) + " |")
    return "\n".join(lines)


def compare_cpu(cells: list[Cell]) -> dict[str, list[float]]:
    """Return Smart Corner's CPU figures over the reference's, cell by cell.

    Each cell with watchers is compared with the reference cell of the same
    watchers and rate. The figures are whole server per message, fan-out
    alone (two estimates) and whole server per vote made visible to one
    watcher."""
    found = {"message": [], "fanout": [], "loop": [], "vote_watcher": []}
    for ours in cells:
        if ours.server != "smartcorner" or not ours.watchers:
            continue
        if not ours.cpu_us_per_delivery:
            continue
        match = next(
            (
                c
                for c in cells
                if c.server == "reference"
                and c.watchers == ours.watchers
                and c.rate == ours.rate
                and c.cpu_us_per_delivery
            ),
            None,
        )
        if match is None:
            continue
        reference = match.cpu_us_per_delivery
        found["message"].append(ours.cpu_us_per_delivery / reference)
        found["vote_watcher"].append(
            ours.cpu_us_per_vote_and_watcher / match.cpu_us_per_vote_and_watcher
        )
        if ours.fanout_cpu_us_per_delivery is not None:
            found["fanout"].append(ours.fanout_cpu_us_per_delivery / reference)
        if ours.loop_fanout_cpu_us_per_delivery is not None:
            found["loop"].append(ours.loop_fanout_cpu_us_per_delivery / reference)
    return found


def summarize_cpu(found: dict[str, list[float]]) -> list[str]:
    """Return the CPU line and the two lines that detail it.

    The CPU line is the fan-out's CPU per delivered message, because the
    reference's vote is a counter in memory, so its whole CPU is fan-out.
    Of the two fan-out estimates, the line takes the larger median. The
    whole server, vote requests included, follows on its own line.
    """
    fanout = {
        "vote requests subtracted": found["fanout"],
        "on the event loop's thread": found["loop"],
    }
    medians = {label: median_high(ratios) for label, ratios in fanout.items() if ratios}
    if not medians:
        return ["CPU per delivered message: not measured"]
    cells = max(len(ratios) for ratios in fanout.values())
    details = ", ".join(f"{label} {ratio:.2g}×" for label, ratio in medians.items())
    lines = [
        f"CPU per delivered message: {max(medians.values()):.2g}× the reference",
        f"(fan-out alone, median over {cells} cells: {details})",
    ]
    # Smart Corner folds votes into fewer messages, so the whole server is
    # also compared per vote made visible to one watcher.
    whole = {
        "per delivered message": found["message"],
        "per vote made visible to one watcher": found["vote_watcher"],
    }
    parts = [
        f"{median_high(ratios):.2g}× {label}"
        for label, ratios in whole.items()
        if ratios
    ]
    if parts:
        lines.append(f"(whole server, vote requests included: {', '.join(parts)})")
    return lines


def summarize(cells: list[Cell]) -> list[str]:
    """Return the three summary lines; None figures mean 'not measured'."""

    def capacity(server):
        rates = [
            cell.rate
            for cell in cells
            if cell.server == server
            and cell.watchers == 300
            and cell.p99_ms is not None
            and cell.p99_ms <= 500
            and cell.achieved_rate >= 0.9 * cell.rate
            and not cell.lost_votes
            and not cell.vote_errors
        ]
        return max(rates) if rates else None

    ours, reference = capacity("smartcorner"), capacity("reference")
    lines = []
    if ours is not None and reference:
        lines.append(f"capacity ratio: {ours / reference:.2g}×")
    else:
        lines.append(
            f"capacity ratio: not measured (ours {ours}, reference {reference})"
        )
    cell = next(
        (
            c
            for c in cells
            if c.server == "smartcorner" and c.watchers == 300 and c.rate == 20
        ),
        None,
    )
    lines.append(
        "fan-out p99 at 300 watchers and 20 votes/s: "
        + (
            f"{cell.p99_ms:g} ms"
            if cell and cell.p99_ms is not None
            else "not measured"
        )
    )
    lines.extend(summarize_cpu(compare_cpu(cells)))
    return lines


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="50 watchers, 5 and 20 votes/s, 5 s per cell: a smoke run",
    )
    parser.add_argument(
        "--watchers", default="100,300,1000", help="comma-separated numbers of watchers"
    )
    parser.add_argument(
        "--rates",
        default="5,20,50",
        help="comma-separated vote rates, in votes per second",
    )
    parser.add_argument(
        "--duration", type=float, default=25, help="seconds of voting per cell"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help=(
            "PostgreSQL URL of a database that the benchmark drops and creates; "
            "SQLite when empty"
        ),
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="Redis URL for the channel layer; in memory when empty",
    )
    parser.add_argument(
        "--servers", default="smartcorner,reference", help="which servers to drive"
    )
    parser.add_argument(
        "--output",
        default="",
        help="JSON file for the results (default: bench/results/fanout-<time>.json)",
    )
    parser.add_argument(
        "--report",
        default="",
        help="print the tables of a saved JSON result instead of running",
    )
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.watchers, arguments.rates, arguments.duration = "50", "5,20", 5
    arguments.watchers = [int(value) for value in arguments.watchers.split(",")]
    arguments.rates = [float(value) for value in arguments.rates.split(",")]
    arguments.servers = arguments.servers.split(",")
    return arguments


async def main(arguments) -> dict:
    machine = describe_machine()
    idea_count = ideas_needed(arguments.watchers, arguments.rates, arguments.duration)
    cells: list[Cell] = []
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as work:
        work_dir = Path(work)
        starters = {
            "smartcorner": lambda: start_site(
                work_dir, idea_count, arguments.database_url, arguments.redis_url
            ),
            "reference": lambda: start_reference(work_dir, idea_count),
        }
        for name in arguments.servers:
            target = await asyncio.to_thread(starters[name])
            try:
                cells += await run_target(
                    target, arguments.watchers, arguments.rates, arguments.duration
                )
            finally:
                stop_process(target.process)
    add_fanout_cpu(cells)
    machine["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    return {
        "machine": machine,
        "arguments": {
            "watchers": arguments.watchers,
            "rates": arguments.rates,
            "duration": arguments.duration,
            "database": "postgresql" if arguments.database_url else "sqlite",
            "channel_layer": "redis" if arguments.redis_url else "in-memory",
        },
        "cells": [asdict(cell) for cell in cells],
        "summary": summarize(cells),
    }


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    options = parse_arguments()
    if options.report:
        if not Path(options.report).is_file():
            sys.exit(f"--report: no such file: {options.report}")
        saved = json.loads(Path(options.report).read_text())
        saved_cells = [Cell(**cell) for cell in saved["cells"]]
        add_fanout_cpu(saved_cells)
        print(format_table(saved_cells))  # noqa: T201
        for line in summarize(saved_cells):
            print(line)  # noqa: T201
        sys.exit(0)
    results = asyncio.run(main(options))
    output = (
        Path(options.output)
        if options.output
        else RESULTS_DIR / time.strftime("fanout-%Y%m%d-%H%M%S.json")
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    print(format_table([Cell(**cell) for cell in results["cells"]]))  # noqa: T201
    for line in results["summary"]:
        print(line)  # noqa: T201
    print(f"results written to {output}")  # noqa: T201
