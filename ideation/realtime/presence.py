"""How many people watch a board, counted across worker processes.

Each process stores who watches a board through its own sockets as one
entry: the ids of the signed-in people and the number of anonymous sockets,
with an expiry time. The count is the number of distinct people over every
entry that has not expired, plus the anonymous sockets. So a person with two
tabs counts once. A process refreshes its entries while it has watchers, so
the entries of a process that died expire by themselves.

With Redis (the channel layer's server) every process sees every entry; the
in-memory store serves one process, like the in-memory channel layer.
"""

import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

REDIS_LAYER = "channels_redis.core.RedisChannelLayer"


@dataclass
class LocalWatchers:
    """The people who watch one board through this process's sockets."""

    users: dict[int, int] = field(default_factory=dict)  # user id -> sockets
    anonymous: int = 0

    def add(self, user_id: int | None) -> None:
        # TODO: each anonymous socket counts as one person, with no limit per
        # client, so one script that opens 200 sockets shows "201 people".
        if user_id is None:
            self.anonymous += 1
        else:
            self.users[user_id] = self.users.get(user_id, 0) + 1

    def remove(self, user_id: int | None) -> None:
        if user_id is None:
            self.anonymous = max(0, self.anonymous - 1)
        elif self.users.get(user_id, 0) > 1:
            self.users[user_id] -= 1
        else:
            self.users.pop(user_id, None)

    def to_entry(self, expires_at: float) -> str:
        return json.dumps(
            {
                "users": sorted(self.users),
                "anonymous": self.anonymous,
                "expires": expires_at,
            }
        )


def count_entries(entries: dict[str, str], now: float) -> tuple[int, list[str]]:
    """Return the number of people in the live entries, and the expired keys."""
    users: set[int] = set()
    anonymous = 0
    expired = []
    for key, raw in entries.items():
        try:
            entry = json.loads(raw)
            expires = float(entry["expires"])
        except (ValueError, KeyError, TypeError):
            logger.warning("presence entry %s is invalid; ignoring it", key)
            expired.append(key)
            continue
        if expires < now:
            expired.append(key)
            continue
        users.update(entry.get("users", []))
        anonymous += int(entry.get("anonymous", 0))
    return len(users) + anonymous, expired


class MemoryPresenceStore:
    """Presence entries in this process's memory."""

    def __init__(self) -> None:
        self.boards: dict[str, dict[str, str]] = {}

    async def publish(self, board: str, process: str, entry: str, ttl: float) -> None:
        self.boards.setdefault(board, {})[process] = entry

    async def remove(self, board: str, process: str) -> None:
        entries = self.boards.get(board, {})
        entries.pop(process, None)
        if not entries:
            self.boards.pop(board, None)

    async def count(self, board: str) -> int:
        entries = self.boards.get(board, {})
        total, expired = count_entries(entries, time.time())
        for key in expired:
            entries.pop(key, None)
        return total

    async def close(self) -> None:
        self.boards.clear()


class RedisPresenceStore:
    """Presence entries in one Redis hash per board, one field per process."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis.asyncio

        self.client = redis.asyncio.Redis.from_url(url, socket_timeout=10)
        self.prefix = prefix

    def key(self, board: str) -> str:
        return f"{self.prefix}:ideation:presence:{board}"

    async def publish(self, board: str, process: str, entry: str, ttl: float) -> None:
        key = self.key(board)
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.hset(key, process, entry)
            # The hash outlives its longest entry by one period at most.
            pipe.expire(key, int(ttl) + 1)
            await pipe.execute()

    async def remove(self, board: str, process: str) -> None:
        await self.client.hdel(self.key(board), process)

    async def count(self, board: str) -> int:
        key = self.key(board)
        raw = await self.client.hgetall(key)
        entries = {name.decode(): value.decode() for name, value in raw.items()}
        total, expired = count_entries(entries, time.time())
        if expired:
            await self.client.hdel(key, *expired)
        return total

    async def close(self) -> None:
        await self.client.aclose()


def make_presence_store(layer_alias: str = "default"):
    """Return the store that matches the channel layer: Redis or memory."""
    config = settings.CHANNEL_LAYERS.get(layer_alias, {})
    if config.get("BACKEND") != REDIS_LAYER:
        return MemoryPresenceStore()
    layer_config = config.get("CONFIG", {})
    host = layer_config.get("hosts", ["redis://127.0.0.1:6379"])[0]
    url = host["address"] if isinstance(host, dict) else host
    if not isinstance(url, str):
        url = f"redis://{url[0]}:{url[1]}"
    return RedisPresenceStore(url, layer_config.get("prefix", "asgi"))
