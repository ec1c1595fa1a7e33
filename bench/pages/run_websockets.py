"""WebSocket clients on two workers while voters vote through HTTP.

Usage (PostgreSQL needed; Redis is a redis-server of the run's own)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_bench \\
        .venv/bin/python -m bench.pages.run_websockets \\
        --watchers 1000 --workers 2 --voters 100 --rate 20 --seconds 300

Watchers are spread evenly over the workers and follow the board page's
contract (numbered messages, batches of counts, fetching the list on a gap).
Every voter votes at most once per idea, so counts only grow and the
latency of a vote is exact: the time from its HTTP response to the moment
a watcher holds a count at least as high as the one the response showed.
The fan-out latency of a vote is that time for the last watcher to get it.

Reported: errors, lost votes (acknowledged but not stored, must be 0),
wrong final counts (watchers whose last count differs from the database),
p50 and p99 fan-out latency, server CPU, and memory per connection.
"""

import argparse
import bisect
import concurrent.futures
import math
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

from tests.ops.clients import COUNT_PATTERN, BoardWatcher, Voter, WatcherPool
from tests.ops.cluster import serve_cluster
from tests.ops.conftest import postgres_url_for
from tests.ops.services import running_redis

from .run_pages import describe_machine, emit

CONNECT_TIMEOUT_SECONDS = 300
SETTLE_TIMEOUT_SECONDS = 60


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--watchers", type=int, default=1000, help="WebSocket clients")
    parser.add_argument("--workers", type=int, default=2, help="daphne processes")
    parser.add_argument("--voters", type=int, default=100, help="signed-in voters")
    parser.add_argument(
        "--rate", type=float, default=20, help="votes per second, all voters together"
    )
    parser.add_argument(
        "--seconds", type=float, default=300, help="duration of the voting phase"
    )
    parser.add_argument(
        "--ramp-seconds",
        type=float,
        default=30,
        help="time over which the watchers open their sockets",
    )
    parser.add_argument(
        "--keep-logs",
        type=Path,
        default=None,
        help="folder to copy the workers' and Redis' logs to after the run",
    )
    return parser.parse_args()


class CountLog:
    """Per watcher and idea, the times at which each higher count arrived."""

    def __init__(self) -> None:
        self.entries: dict[tuple[int, int], tuple[list[float], list[int]]] = (
            defaultdict(lambda: ([], []))
        )
        self.deliveries = 0

    def recorder(self, watcher_index: int):
        def record(counts: dict[int, int], received_at: float) -> None:
            self.deliveries += 1
            for idea, count in counts.items():
                times, values = self.entries[(watcher_index, idea)]
                if not values or count > values[-1]:
                    times.append(received_at)
                    values.append(count)

        return record

    def first_time_at_least(self, watcher_index: int, idea: int, count: int):
        times, values = self.entries.get((watcher_index, idea), ([], []))
        position = bisect.bisect_left(values, count)
        return times[position] if position < len(times) else None


def read_process_stats(pids: list[int]) -> tuple[int, float]:
    """Return the total RSS in bytes and CPU seconds of the given processes."""
    rss, cpu = 0, 0.0
    for pid in pids:
        process = psutil.Process(pid)
        rss += process.memory_info().rss
        times = process.cpu_times()
        cpu += times.user + times.system
    return rss, cpu


def send_votes(cluster, voters, ideas, *, rate, seconds, errors):
    """Send votes at ``rate`` per second for ``seconds``; return acknowledged ones.

    Each entry is (response time, idea, count shown by the response).
    """
    acknowledged = []
    lock = threading.Lock()
    pairs = [(voter, idea) for idea in ideas for voter in voters]
    total = min(len(pairs), int(rate * seconds))

    def vote(index: int) -> None:
        voter, idea = pairs[index]
        base_url = cluster.base_urls[index % len(cluster.base_urls)]
        try:
            status, html = voter.vote_with_body(base_url, idea)
        except OSError as error:
            with lock:
                errors.append(f"vote {index}: {error!r}")
            return
        answered_at = time.monotonic()
        counts = {int(i): int(c) for i, c in COUNT_PATTERN.findall(html)}
        with lock:
            if status == 200 and idea in counts:
                acknowledged.append((answered_at, idea, counts[idea]))
            else:
                errors.append(f"vote {index}: HTTP {status}")

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as executor:
        for index in range(total):
            delay = started + index / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            executor.submit(vote, index)
    return acknowledged


def main() -> int:
    arguments = parse_arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.stderr.write("Set DATABASE_URL=postgres://… to run this benchmark.\n")
        return 2
    database_url = postgres_url_for("ops_sockets")
    machine = describe_machine()
    ideas_needed = math.ceil(arguments.rate * arguments.seconds / arguments.voters) + 1
    with tempfile.TemporaryDirectory(prefix="bench-sockets-") as folder:
        work_dir = Path(folder)
        with (
            running_redis(work_dir / "redis.log") as redis_server,
            serve_cluster(
                work_dir,
                database_url,
                redis_server.url,
                workers=arguments.workers,
                voters=arguments.voters,
                minimum_ideas=ideas_needed,
            ) as cluster,
        ):
            report = run(cluster, arguments)
        if arguments.keep_logs is not None:
            arguments.keep_logs.mkdir(parents=True, exist_ok=True)
            for log_path in work_dir.glob("*.log"):
                shutil.copy(log_path, arguments.keep_logs / log_path.name)
    emit(f"Machine: {machine}")
    for line in report:
        emit(line)
    return 0


def run(cluster, arguments) -> list[str]:
    pids = [worker.process.pid for worker in cluster.workers]
    rss_before, _cpu = read_process_stats(pids)
    log = CountLog()
    watchers = []
    for index in range(arguments.watchers):
        worker = index % len(cluster.workers)
        watcher = BoardWatcher(
            [cluster.board_socket_url(worker)],
            [cluster.base_urls[worker]],
            cluster.board_id,
            resync_on_connect=False,
            start_delay=arguments.ramp_seconds * index / arguments.watchers,
            # The general boards are for staff: each watcher signs in with
            # one of the voters' sessions.
            session=cluster.voter_sessions[index % len(cluster.voter_sessions)],
        )
        watcher.on_counts = log.recorder(index)
        watchers.append(watcher)
    voters = [Voter(key) for key in cluster.voter_sessions]
    ideas = sorted(cluster.read_vote_counts())
    errors: list[str] = []
    with WatcherPool(watchers) as pool:
        connected = pool.wait_until(
            lambda: all(w.state.sequence >= 0 for w in watchers),
            arguments.ramp_seconds + CONNECT_TIMEOUT_SECONDS,
        )
        connected_count = sum(1 for w in watchers if w.state.sequence >= 0)
        rss_connected, cpu_before = read_process_stats(pids)
        counts_before = cluster.read_vote_counts()
        acknowledged = send_votes(
            cluster,
            voters,
            ideas,
            rate=arguments.rate,
            seconds=arguments.seconds,
            errors=errors,
        )
        _rss, cpu_after = read_process_stats(pids)
        stored = cluster.read_vote_counts()
        final = {idea: count for idea, (count, _recount) in stored.items()}
        voted_ideas = {idea for _at, idea, _count in acknowledged}
        pool.wait_until(
            lambda: all(
                w.state.counts.get(idea) == final[idea]
                for w in watchers
                for idea in voted_ideas
            ),
            SETTLE_TIMEOUT_SECONDS,
        )
        socket_errors = sum(len(w.state.errors) for w in watchers)
        reconnects = sum(max(0, w.state.connects - 1) for w in watchers)
        resyncs = sum(w.state.resyncs for w in watchers)
    return summarize(
        arguments,
        cluster,
        connected=connected,
        connected_count=connected_count,
        log=log,
        acknowledged=acknowledged,
        stored=stored,
        counts_before=counts_before,
        watchers=watchers,
        errors=errors,
        socket_errors=socket_errors,
        reconnects=reconnects,
        resyncs=resyncs,
        memory=(rss_before, rss_connected),
        cpu_seconds=cpu_after - cpu_before,
    )


def summarize(arguments, cluster, **figures) -> list[str]:
    log = figures["log"]
    acknowledged = figures["acknowledged"]
    stored = figures["stored"]
    watchers = figures["watchers"]
    votes_per_idea = defaultdict(int)
    for _at, idea, _count in acknowledged:
        votes_per_idea[idea] += 1
    before = {
        idea: recount for idea, (_count, recount) in figures["counts_before"].items()
    }
    lost = sum(
        max(0, votes_per_idea[idea] - (stored[idea][1] - before[idea]))
        for idea in votes_per_idea
    )
    mismatched_counters = sum(
        1 for stored_count, recount in stored.values() if stored_count != recount
    )
    final = {idea: count for idea, (count, _recount) in stored.items()}
    wrong = sum(
        1
        for watcher in watchers
        for idea in votes_per_idea
        if watcher.state.counts.get(idea) != final[idea]
    )
    # A watcher gets a count from a live message or from fetching the list
    # after a gap; both count as delivered. A vote that some watcher never
    # got is left out of the latencies and counted apart.
    latencies, missing, undelivered_votes = [], 0, 0
    for answered_at, idea, count in acknowledged:
        slowest = 0.0
        complete = True
        for index in range(len(watchers)):
            seen_at = log.first_time_at_least(index, idea, count)
            if seen_at is None:
                missing += 1
                complete = False
                continue
            slowest = max(slowest, seen_at - answered_at)
        if complete:
            latencies.append(slowest)
        else:
            undelivered_votes += 1
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = (
        statistics.quantiles(latencies, n=100)[98] * 1000 if len(latencies) > 1 else p50
    )
    rss_before, rss_connected = figures["memory"]
    memory_per_connection = (rss_connected - rss_before) / max(1, len(watchers))
    cpu_seconds = figures["cpu_seconds"]
    return [
        f"Run: {len(watchers)} watchers on {len(cluster.workers)} daphne workers, "
        f"{arguments.voters} voters, {arguments.rate:g} votes/s for "
        f"{arguments.seconds:g} s, PostgreSQL and Redis.",
        "",
        "| Figure | Value |",
        "| --- | --- |",
        f"| Watchers connected before voting | {figures['connected_count']} |",
        f"| Votes acknowledged | {len(acknowledged)} |",
        f"| Vote errors | {len(figures['errors'])} |",
        f"| Lost votes (acknowledged, not stored) | {lost} |",
        f"| Stored counters that differ from a recount | {mismatched_counters} |",
        f"| Wrong final counts (watcher × idea) | {wrong} |",
        f"| Vote × watcher pairs never delivered | {missing} |",
        f"| Votes that some watcher never got | {undelivered_votes} |",
        f"| Fan-out latency p50 (last watcher) | {p50:.0f} ms |",
        f"| Fan-out latency p99 (last watcher) | {p99:.0f} ms |",
        f"| Count updates applied (live messages and list fetches) | "
        f"{log.deliveries} |",
        "| Socket errors / reconnects / list fetches | "
        f"{figures['socket_errors']} / {figures['reconnects']} / "
        f"{figures['resyncs']} |",
        f"| Server CPU during voting (both workers) | {cpu_seconds:.1f} s |",
        f"| Memory per connection (RSS growth / watchers) | "
        f"{memory_per_connection / 1024:.0f} KiB |",
    ] + [f"First vote errors: {figures['errors'][:3]}"] * bool(figures["errors"])


if __name__ == "__main__":
    sys.exit(main())
