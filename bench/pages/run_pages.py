"""Requests per second of the home page, the programme and a board, each next
to a plain Wagtail page with the same amount of content, in the same run.

Usage (PostgreSQL needed; Redis is a redis-server of the run's own)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sc_bench \\
        .venv/bin/python -m bench.pages.run_pages --seconds 10 --concurrency 4

The database named in DATABASE_URL gets a sibling ``<name>_ops_pages`` that is
created, seeded and dropped. One daphne worker serves every page, and the
measurements alternate between a page and its twin, so both see the same
machine load. The output is a Markdown table.
"""

import argparse
import os
import platform
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.ops.cluster import serve_cluster
from tests.ops.conftest import postgres_url_for
from tests.ops.services import running_redis

from .load import run_load
from .twins import create_twins


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=10, help="duration of each measurement"
    )
    parser.add_argument(
        "--concurrency", type=int, default=4, help="client threads per measurement"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="times each page and twin are measured"
    )
    return parser.parse_args()


def fetch(url: str, cookie: str = "") -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read().decode()


def describe_machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"load average at start {load[0]:.1f}"
    )


def main() -> int:
    arguments = parse_arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.stderr.write("Set DATABASE_URL=postgres://… to run this benchmark.\n")
        return 2
    database_url = postgres_url_for("ops_pages")
    machine = describe_machine()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        work_dir = Path(folder)
        with (
            running_redis(work_dir / "redis.log") as redis_server,
            serve_cluster(
                work_dir, database_url, redis_server.url, workers=1, voters=1
            ) as cluster,
        ):
            base_url = cluster.base_urls[0]
            cookie = f"sessionid={cluster.voter_sessions[0]}"
            event_path = cluster.paths["event"]["fr"]
            pages = {
                "home": cluster.paths["home"]["fr"],
                "programme": event_path.rstrip("/").rsplit("/", 1)[0] + "/",
                "board": cluster.paths["board"]["fr"],
            }
            # The general boards are for staff: the board is read signed in.
            pages_html = {
                kind: fetch(base_url + path, cookie if kind == "board" else "")
                for kind, path in pages.items()
            }
            twins = create_twins(cluster.environment, pages_html, work_dir)
            sizes = {
                kind: (
                    len(pages_html[kind]),
                    len(fetch(base_url + twins[kind], cookie)),
                )
                for kind in pages
            }
            rows = []
            for kind, path in pages.items():
                viewers = [("anonymous", ""), ("signed in", cookie)]
                if kind == "board":
                    # Signed-out visitors are sent to the sign-in page.
                    viewers = viewers[1:]
                for viewer, viewer_cookie in viewers:
                    measured, reference = [], []
                    for _round in range(arguments.rounds):
                        for target, results in (
                            (path, measured),
                            (twins[kind], reference),
                        ):
                            results.append(
                                run_load(
                                    base_url,
                                    target,
                                    seconds=arguments.seconds,
                                    concurrency=arguments.concurrency,
                                    cookie=viewer_cookie,
                                )
                            )
                    rows.append((kind, path, viewer, measured, reference))
    print_report(arguments, machine, rows, sizes)
    return 0


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")


def print_report(arguments, machine, rows, sizes) -> None:
    emit(f"Machine: {machine}")
    emit(
        f"One daphne worker, PostgreSQL, Redis; {arguments.concurrency} client "
        f"threads, {arguments.seconds:g} s per measurement, {arguments.rounds} "
        "round(s), pages and twins alternating.\n"
    )
    emit(
        "| Page | Viewer | Page req/s | Twin req/s | Ratio | Page p50 / p99 ms "
        "| Twin p50 / p99 ms | Errors |"
    )
    emit("| --- | --- | --- | --- | --- | --- | --- | --- |")
    table_end = ""
    for kind, path, viewer, measured, reference in rows:
        page_rps = sum(r.requests_per_second for r in measured) / len(measured)
        twin_rps = sum(r.requests_per_second for r in reference) / len(reference)
        ratio = page_rps / twin_rps if twin_rps else 0.0
        errors = sum(r.errors for r in measured + reference)
        emit(
            f"| {kind} (`{path}`) | {viewer} | {page_rps:.1f} | {twin_rps:.1f} "
            f"| {ratio:.2f} | {measured[-1].p50_ms:.0f} / {measured[-1].p99_ms:.0f} "
            f"| {reference[-1].p50_ms:.0f} / {reference[-1].p99_ms:.0f} | {errors} |"
        )
    emit(table_end)
    for kind, (page_bytes, twin_bytes) in sizes.items():
        viewer = "signed in" if kind == "board" else "anonymous"
        emit(
            f"HTML size, {viewer}: {kind} {page_bytes / 1024:.1f} KiB, "
            f"its twin {twin_bytes / 1024:.1f} KiB."
        )


if __name__ == "__main__":
    sys.exit(main())
