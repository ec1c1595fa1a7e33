"""Presence entries: people and anonymous addresses, counted once each."""

import json

from ideation.realtime.presence import LocalWatchers, anonymous_visitor, count_entries

NOW = 1_000_000.0


def entry_of(watchers: LocalWatchers) -> str:
    return watchers.to_entry(NOW + 30)


def test_tabs_of_one_address_count_once():
    watchers = LocalWatchers()
    for _ in range(200):
        watchers.add(None, "10.1.2.3")
    watchers.add(None, "10.1.2.4")

    total, expired = count_entries({"process-a": entry_of(watchers)}, NOW)

    assert total == 2
    assert expired == []


def test_last_socket_of_address_removes_it():
    watchers = LocalWatchers()
    watchers.add(None, "10.1.2.3")
    watchers.add(None, "10.1.2.3")

    watchers.remove(None, "10.1.2.3")
    assert watchers.anonymous == {anonymous_visitor("10.1.2.3"): 1}
    watchers.remove(None, "10.1.2.3")
    assert watchers.anonymous == {}


def test_entry_contains_no_address():
    watchers = LocalWatchers()
    watchers.add(None, "192.168.40.17")

    entry = entry_of(watchers)

    assert "192.168.40.17" not in entry
    assert json.loads(entry)["anonymous"] == [anonymous_visitor("192.168.40.17")]


def test_address_on_two_processes_counts_once():
    first, second = LocalWatchers(), LocalWatchers()
    first.add(None, "10.1.2.3")
    second.add(None, "10.1.2.3")
    first.add(7)
    second.add(7)
    second.add(8)

    total, _expired = count_entries(
        {"process-a": entry_of(first), "process-b": entry_of(second)}, NOW
    )

    assert total == 3


def test_entry_with_socket_number_still_counts():
    """An entry from a process not yet upgraded contains a number of sockets."""
    old = json.dumps({"users": [4], "anonymous": 2, "expires": NOW + 30})
    current = LocalWatchers()
    current.add(None, "10.1.2.3")

    total, _expired = count_entries(
        {"process-old": old, "process-new": entry_of(current)}, NOW
    )

    assert total == 4


def test_expired_entry_is_returned_not_counted():
    watchers = LocalWatchers()
    watchers.add(None, "10.1.2.3")

    total, expired = count_entries({"process-a": watchers.to_entry(NOW - 1)}, NOW)

    assert total == 0
    assert expired == ["process-a"]
