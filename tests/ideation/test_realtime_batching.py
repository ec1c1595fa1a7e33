"""Ordering and folding of a board's live messages inside one process."""

from ideation.broadcast import BoardMessage
from ideation.realtime.batching import CountBatch, PendingMessages


def vote(sequence: int, idea_id: int, count: int) -> BoardMessage:
    return BoardMessage(
        type="idea.votes_changed",
        sequence=sequence,
        html={"fr": ""},
        counts={str(idea_id): count},
    )


def posted(sequence: int) -> BoardMessage:
    return BoardMessage(type="idea.posted", sequence=sequence, html={"fr": "card"})


def test_batching_folds_consecutive_votes_latest_wins():
    pending = PendingMessages()
    for message in [vote(3, 1, 5), vote(1, 1, 3), vote(2, 2, 7), vote(4, 1, 6)]:
        pending.add(message)

    outgoing = pending.take()

    assert outgoing == [CountBatch(first=1, last=4, counts={1: 6, 2: 7})]
    assert pending.forwarded == 4
    assert not pending


def test_batching_keeps_other_messages_in_order():
    pending = PendingMessages()
    for message in [vote(1, 1, 1), posted(2), vote(3, 1, 2), vote(4, 1, 3)]:
        pending.add(message)

    outgoing = pending.take()

    assert len(outgoing) == 3
    assert outgoing[0] == CountBatch(first=1, last=1, counts={1: 1})
    assert outgoing[1]["sequence"] == 2
    assert outgoing[2] == CountBatch(first=3, last=4, counts={1: 3})


def test_batching_hole_splits_batches():
    pending = PendingMessages()
    for message in [vote(1, 1, 1), vote(2, 1, 2), vote(4, 1, 4)]:
        pending.add(message)

    outgoing = pending.take()

    assert outgoing == [
        CountBatch(first=1, last=2, counts={1: 2}),
        CountBatch(first=4, last=4, counts={1: 4}),
    ]


def test_batching_contiguity_follows_last_written():
    pending = PendingMessages(forwarded=5)

    pending.add(vote(7, 1, 1))
    has_hole = not pending.is_contiguous()
    pending.add(vote(6, 1, 0))

    assert has_hole
    assert pending.is_contiguous()


def test_batching_rejects_already_written_number():
    pending = PendingMessages(forwarded=5)

    accepted = pending.add(vote(5, 1, 1))

    assert not accepted
    assert not pending
