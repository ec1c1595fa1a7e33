"""Two daphne workers sharing PostgreSQL and Redis act as one site.

The workers serve one seeded database and one redis-server, both the test's
own. Watchers follow the board page's contract (apply numbered messages,
fetch the idea list over HTTP on connect, reconnect or a gap), so their
counts are what people on the board would see.

TODO: the same journeys in a browser (board.js reconnecting to another
worker and fetching the list) are not covered here; these tests check what
the servers offer the browser: numbered messages, heartbeats and the idea
list endpoint.
"""

import concurrent.futures
import shutil

import pytest

from .clients import BoardWatcher, Voter, WatcherPool, fetch_idea_list
from .cluster import serve_cluster
from .conftest import postgres_url_for
from .health import wait_for_health_status
from .services import REDIS_SERVER, running_redis

VOTERS = 60
# Seconds allowed for a change to reach every watcher. A socket that lost its
# group when Redis restarted learns of the gap from the next heartbeat, sent
# every 25 s by the consumer.
DELIVERY_TIMEOUT_SECONDS = 15
RESYNC_TIMEOUT_SECONDS = 75


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    if shutil.which(REDIS_SERVER) is None:
        pytest.skip(f"{REDIS_SERVER} is missing: install the redis-server package")
    log_path = tmp_path_factory.mktemp("redis") / "redis.log"
    with running_redis(log_path) as server:
        yield server


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, redis_server):
    database_url = postgres_url_for("ops_workers")
    work_dir = tmp_path_factory.mktemp("cluster")
    with serve_cluster(
        work_dir, database_url, redis_server.url, workers=2, voters=VOTERS
    ) as running:
        yield running


def make_watchers(cluster, workers: list[int]) -> list[BoardWatcher]:
    """Return one watcher per entry of ``workers``, connected to that worker first.

    A watcher whose worker stops moves to the next one, as behind a proxy.
    """
    watchers = []
    for first in workers:
        order = [(first + offset) % len(cluster.workers) for offset in range(2)]
        watchers.append(
            BoardWatcher(
                [cluster.board_socket_url(index) for index in order],
                [cluster.base_urls[index] for index in order],
                cluster.board_id,
                session=cluster.voter_sessions[-1],
            )
        )
    return watchers


def stored_counts(cluster) -> dict[int, int]:
    return {idea: stored for idea, (stored, _) in cluster.read_vote_counts().items()}


def all_watchers_show(watchers, counts: dict[int, int]) -> bool:
    return all(
        all(watcher.state.counts.get(idea) == count for idea, count in counts.items())
        for watcher in watchers
    )


def test_vote_reaches_socket_on_other_worker(cluster):
    voter = Voter(cluster.voter_sessions[0])
    idea = cluster.idea_ids[0]
    watchers = make_watchers(cluster, [1])

    with WatcherPool(watchers) as pool:
        assert pool.wait_until(lambda: watchers[0].state.resyncs == 1, 20)
        status = voter.vote(cluster.base_urls[0], idea)
        expected = stored_counts(cluster)[idea]
        delivered = pool.wait_until(
            lambda: watchers[0].state.counts.get(idea) == expected,
            DELIVERY_TIMEOUT_SECONDS,
        )

    assert status == 200
    assert delivered, watchers[0].state
    # Delivered by the live message, not by fetching the list again.
    assert watchers[0].state.resyncs == 1
    assert watchers[0].state.connects == 1


def test_clients_resync_after_redis_restart(cluster, redis_server):
    voters = [Voter(key) for key in cluster.voter_sessions[1:21]]
    watchers = make_watchers(cluster, [0, 0, 1, 1])

    with WatcherPool(watchers) as pool:
        assert pool.wait_until(lambda: all(w.state.resyncs for w in watchers), 20)
        sequence_before, _ = fetch_idea_list(
            cluster.base_urls[0], cluster.board_id, cluster.voter_sessions[-1]
        )

        redis_server.stop()
        for base_url in cluster.base_urls:
            wait_for_health_status(base_url, 503, 30)
        redis_server.start()
        for base_url in cluster.base_urls:
            wait_for_health_status(base_url, 200, 60)

        for index, voter in enumerate(voters):
            idea = cluster.idea_ids[index % len(cluster.idea_ids)]
            voter.vote_until_stored(cluster.base_urls[index % 2 :], idea)
        expected = stored_counts(cluster)
        resynced = pool.wait_until(
            lambda: all_watchers_show(watchers, expected), RESYNC_TIMEOUT_SECONDS
        )
        sequence_after, listed = fetch_idea_list(
            cluster.base_urls[1], cluster.board_id, cluster.voter_sessions[-1]
        )

    assert resynced, [watcher.state for watcher in watchers]
    # Redis keeps no groups across a restart, so every watcher had to fetch
    # the list again, after a reconnect or a heartbeat that showed a gap.
    for watcher in watchers:
        assert watcher.state.resyncs >= 2, watcher.state
    assert sequence_after >= sequence_before + len(voters)
    assert listed == {idea: expected[idea] for idea in listed}


def test_stopping_a_worker_loses_no_vote(cluster):
    voters = [Voter(key) for key in cluster.voter_sessions[21:VOTERS]]
    watchers = make_watchers(cluster, [0, 1, 1])
    before = stored_counts(cluster)
    ideas = cluster.idea_ids[:2]
    stopped = cluster.workers[0]

    def vote_twice(index: int) -> list[str]:
        order = cluster.base_urls if index % 2 == 0 else cluster.base_urls[::-1]
        return [voters[index].vote_until_stored(order, idea) for idea in ideas]

    with WatcherPool(watchers) as pool:
        assert pool.wait_until(lambda: all(w.state.resyncs for w in watchers), 20)
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as executor:
            futures = [executor.submit(vote_twice, i) for i in range(len(voters))]
            # Stop the first worker while votes are still being sent.
            concurrent.futures.wait(futures[:8])
            stopped.stop()
            stored_by = [url for future in futures for url in future.result()]
        after = cluster.read_vote_counts()
        expected = {idea: stored for idea, (stored, _) in after.items()}
        followed = pool.wait_until(
            lambda: all_watchers_show(watchers, expected), RESYNC_TIMEOUT_SECONDS
        )

    assert stopped.process.poll() is not None
    assert len(stored_by) == 2 * len(voters)
    for idea in ideas:
        assert after[idea][0] == before[idea] + len(voters), idea
        assert after[idea][1] == after[idea][0], idea
    assert followed, [watcher.state for watcher in watchers]
    # The watcher of the stopped worker moved to the other one.
    assert watchers[0].state.connects >= 2
