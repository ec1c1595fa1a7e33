"""A small closed-loop HTTP load generator for pages served on 127.0.0.1.

Each thread keeps one keep-alive connection and sends the next request as soon
as the previous response has been read, so the figure is the server's
throughput at that concurrency, not an offered rate.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    path: str
    seconds: float
    responses: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return self.responses / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p99_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies, n=100)[98] * 1000


def run_load(
    base_url: str,
    path: str,
    *,
    seconds: float,
    concurrency: int,
    cookie: str = "",
) -> LoadResult:
    """GET ``path`` from ``concurrency`` threads for ``seconds``; return the counts.

    Only 200 responses count as served; any other status or a failed
    connection counts as an error.
    """
    address = urlsplit(base_url)
    result = LoadResult(path=path, seconds=seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    headers = {"Cookie": cookie} if cookie else {}

    def worker() -> None:
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=30
        )
        latencies, statuses, errors = [], {}, 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection(
                    address.hostname, address.port, timeout=30
                )
                continue
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status == 200:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
        connection.close()
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.responses = len(result.latencies)
    return result
