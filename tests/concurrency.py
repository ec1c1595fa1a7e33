"""Race harness: run several calls in threads that start at the same moment.

Each thread opens its own database connection, which reads only committed
rows, so race tests run with ``@pytest.mark.django_db(transaction=True)``.
"""

import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import pytest
from django.db import connection


class RaceOutcome(NamedTuple):
    """What the raced calls returned and raised, each in the order they ended."""

    results: list[Any]
    errors: list[Exception]


def call_at_once(function: Callable[[Any], Any], arguments: Sequence) -> RaceOutcome:
    """Call ``function`` once per item of ``arguments``, each call in its own
    thread, all released together by one barrier.

    Returns after every thread has ended. An exception that a call raises is
    collected in ``errors`` instead of failing its thread, so the test decides
    which errors are expected.
    """
    barrier = threading.Barrier(len(arguments))
    results: list[Any] = []
    errors: list[Exception] = []

    def run(argument) -> None:
        try:
            barrier.wait()
            results.append(function(argument))
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            # The test database cannot be flushed or dropped while a thread's
            # connection stays open.
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return RaceOutcome(results, errors)


# For races that only row locks and truly parallel transactions can show. The
# backend's vendor is known from the settings, without a connection.
requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and real parallelism need PostgreSQL (set DATABASE_URL)",
)
