"""Live layer of the Smart Lab boards: per-process fan-out, vote-count
batching, heartbeats, presence, and closing a person's sockets."""


def close_user_sockets(user_id: int) -> None:
    """Close every live socket of ``user_id`` in every worker process."""
    from .users import close_user_sockets as close

    close(user_id)
