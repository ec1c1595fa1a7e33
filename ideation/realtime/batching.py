"""Order a board's live messages and fold vote counts into batches.

A process receives every board message once, from the channel layer, and
keeps the ones it has not yet written to its sockets in a ``PendingMessages``.
Messages can arrive out of sequence order, because the workers that commit
changes send them independently; holding them for a short time lets the
process write them in order. Consecutive ``idea.votes_changed`` messages become
one batch that carries the latest absolute count of each changed idea and the
range of sequence numbers it replaces, so a client applies it when the range
starts at or before its next expected number.
"""

from dataclasses import dataclass, field

from ..broadcast import VOTES_CHANGED, BoardMessage


@dataclass
class CountBatch:
    """The absolute vote counts that replace messages ``first`` to ``last``."""

    first: int
    last: int
    counts: dict[int, int] = field(default_factory=dict)


@dataclass
class PendingMessages:
    """Messages of one board received but not yet written to local sockets."""

    # Sequence number of the last message written, None before the first one.
    forwarded: int | None = None
    messages: dict[int, BoardMessage] = field(default_factory=dict)

    def add(self, message: BoardMessage) -> bool:
        """Keep ``message``; return False when its number was already written."""
        sequence = message["sequence"]
        if self.forwarded is not None and sequence <= self.forwarded:
            return False
        self.messages[sequence] = message
        return True

    def __bool__(self) -> bool:
        return bool(self.messages)

    def is_contiguous(self) -> bool:
        """Return whether the pending numbers follow the last written one
        without a hole."""
        if not self.messages:
            return True
        numbers = sorted(self.messages)
        start = numbers[0] if self.forwarded is None else self.forwarded + 1
        return numbers == list(range(start, start + len(numbers)))

    def contiguous_end(self) -> int | None:
        """Return the highest pending number that follows the last written
        one without a hole, or None when the next number is missing."""
        if not self.messages:
            return None
        numbers = set(self.messages)
        start = min(numbers) if self.forwarded is None else self.forwarded + 1
        if start not in numbers:
            return None
        end = start
        while end + 1 in numbers:
            end += 1
        return end

    def take(self, up_to: int | None = None) -> list[BoardMessage | CountBatch]:
        """Return the pending messages in order, vote counts folded, and
        forget them; with ``up_to``, only those numbered up to it.

        A hole in the numbers ends a batch, so that the client that receives
        the next message sees the hole and fetches the board again.
        """
        outgoing: list[BoardMessage | CountBatch] = []
        previous = None
        taken = sorted(
            number for number in self.messages if up_to is None or number <= up_to
        )
        for sequence in taken:
            message = self.messages[sequence]
            batch = outgoing[-1] if outgoing else None
            follows = previous is not None and sequence == previous + 1
            if message["type"] == VOTES_CHANGED and "counts" in message:
                if not (isinstance(batch, CountBatch) and follows):
                    batch = CountBatch(first=sequence, last=sequence)
                    outgoing.append(batch)
                batch.last = sequence
                for idea_id, count in message["counts"].items():
                    batch.counts[int(idea_id)] = count
            else:
                outgoing.append(message)
            previous = sequence
        if taken:
            self.forwarded = taken[-1]
        for sequence in taken:
            del self.messages[sequence]
        return outgoing
