"""Read /healthz of a running worker, including its 503 responses."""

import json
import time
import urllib.error
import urllib.request

HEALTH_TIMEOUT_SECONDS = 10


def read_health(base_url: str) -> tuple[int, dict]:
    """Return the HTTP status and JSON body of /healthz."""
    try:
        with urllib.request.urlopen(  # noqa: S310 - local test server
            f"{base_url}/healthz", timeout=HEALTH_TIMEOUT_SECONDS
        ) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_for_health_status(base_url: str, status: int, timeout: float) -> dict:
    """Poll /healthz until it returns ``status``; return that body.

    Raises AssertionError with the last answer when ``timeout`` seconds pass.
    """
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = read_health(base_url)
        if last[0] == status:
            return last[1]
        time.sleep(0.5)
    raise AssertionError(
        f"/healthz of {base_url} did not return {status} within {timeout} s; "
        f"last answer: {last!r}"
    )
