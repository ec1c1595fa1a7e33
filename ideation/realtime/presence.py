"""How many people watch a board, counted across worker processes.

Each process stores who watches a board through its own sockets as one
entry: the ids of the signed-in people and a keyed digest of each anonymous
visitor's address, with an expiry time. The count is the number of distinct
people and distinct anonymous addresses over every entry that has not
expired. So a person with two tabs counts once, and so does a script that
opens 200 anonymous sockets from one machine. A process refreshes its
entries while it has watchers, so the entries of a process that died expire
by themselves.

With Redis (the channel layer's server) every process sees every entry; the
in-memory store serves one process, like the in-memory channel layer.
"""

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings

logger = logging.getLogger(__name__)

REDIS_LAYER = "channels_redis.core.RedisChannelLayer"


def anonymous_visitor(address: str | None) -> str:
    """Return the key under which an anonymous socket from ``address`` counts.

    The key is an HMAC of the address under SECRET_KEY, so the presence store
    (Redis in production) never stores visitors' addresses.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), (address or "").encode(), hashlib.sha256
    )
    return digest.hexdigest()[:16]


def client_address(consumer) -> str | None:
    """Return the address of a consumer's client, when the server gives it.

    Behind a proxy, this is the visitor's address only when daphne reads it
    from the proxy's header (``--proxy-headers``, as in deploy/systemd).
    """
    client = consumer.scope.get("client")
    return client[0] if client else None


def add_socket(sockets: dict, key) -> None:
    sockets[key] = sockets.get(key, 0) + 1


def remove_socket(sockets: dict, key) -> None:
    if sockets.get(key, 0) > 1:
        sockets[key] -= 1
    else:
        sockets.pop(key, None)


@dataclass
class LocalWatchers:
    """The people who watch one board through this process's sockets."""

    users: dict[int, int] = field(default_factory=dict)  # user id -> sockets
    # Digest of an anonymous visitor's address -> sockets.
    anonymous: dict[str, int] = field(default_factory=dict)

    def add(self, user_id: int | None, address: str | None = None) -> None:
        if user_id is None:
            add_socket(self.anonymous, anonymous_visitor(address))
        else:
            add_socket(self.users, user_id)

    def remove(self, user_id: int | None, address: str | None = None) -> None:
        if user_id is None:
            remove_socket(self.anonymous, anonymous_visitor(address))
        else:
            remove_socket(self.users, user_id)

    def to_entry(self, expires_at: float) -> str:
        return json.dumps(
            {
                "users": sorted(self.users),
                "anonymous": sorted(self.anonymous),
                "expires": expires_at,
            }
        )


def count_entries(entries: dict[str, str], now: float) -> tuple[int, list[str]]:
    """Return the number of people in the live entries, and the expired keys."""
    users: set[int] = set()
    visitors: set[str] = set()
    # Entries written before anonymous visitors were keyed by address contain
    # a number of sockets, counted as that many people.
    uncounted_visitors = 0
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
        anonymous = entry.get("anonymous", [])
        if isinstance(anonymous, int):
            uncounted_visitors += anonymous
        else:
            visitors.update(anonymous)
    return len(users) + len(visitors) + uncounted_visitors, expired


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
