"""Placeholder replaced by the live-update implementation."""


def broadcast_idea_posted(idea, sequence):  # pragma: no cover - replaced
    pass


def broadcast_vote_count(board_key, idea_id, count, sequence):  # pragma: no cover
    pass
