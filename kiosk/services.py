"""State changes of the kiosk: heartbeats, sessions, short links, content version."""

import json
import logging
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .broadcast import broadcast_content_version
from .errors import KioskError
from .models import ContentVersion, KioskSession, Screen, ShortLink, ShortLinkHit

logger = logging.getLogger(__name__)

MAX_HEARTBEAT_BYTES = 2048
MAX_VERSION_LENGTH = 40
# Upper bounds that no real browser reports; larger values are rejected as
# malformed rather than stored.
MAX_BYTES = 1 << 40
MAX_COUNT = 10_000_000
SHORT_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SHORT_CODE_LENGTH = 7


def get_active_screen(token: str) -> Screen | None:
    """Return the active screen whose secret token is ``token``, or None."""
    if not token or len(token) > 64:
        return None
    if "\x00" in token:
        # The socket URL reaches here percent-decoded, without the HTTP
        # middleware that rejects NUL, and PostgreSQL raises on NUL in a query.
        return None
    return Screen.objects.filter(token=token, is_active=True).first()


@dataclass(frozen=True)
class Heartbeat:
    version: str
    js_heap_used_bytes: int | None
    js_heap_limit_bytes: int | None
    dom_node_count: int | None
    uptime_seconds: int | None


def _optional_count(data: dict, name: str, maximum: int) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    # bool is an int in Python; a JSON true is not a count.
    if not isinstance(value, int) or isinstance(value, bool):
        raise KioskError("heartbeat_invalid_field", field=name)
    if value < 0 or value > maximum:
        raise KioskError("heartbeat_invalid_field", field=name)
    return value


def parse_heartbeat(body: bytes) -> Heartbeat:
    """Validate a heartbeat's JSON body; raise ``KioskError`` when malformed.

    Expected: ``{"version": str, "uptime_seconds": int, "memory":
    {"js_heap_used_bytes": int, "js_heap_limit_bytes": int,
    "dom_node_count": int}}``; the numbers are optional.
    """
    if len(body) > MAX_HEARTBEAT_BYTES:
        raise KioskError("heartbeat_too_large")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise KioskError("heartbeat_not_json") from error
    if not isinstance(data, dict):
        raise KioskError("heartbeat_not_object")
    version = data.get("version")
    if not isinstance(version, str) or not 0 < len(version) <= MAX_VERSION_LENGTH:
        raise KioskError("heartbeat_invalid_field", field="version")
    if not version.isprintable():
        # JSON escapes can carry NUL, which PostgreSQL rejects in text, and
        # lone surrogates, which cannot be encoded to UTF-8 at all.
        raise KioskError("heartbeat_invalid_field", field="version")
    memory = data.get("memory", {})
    if not isinstance(memory, dict):
        raise KioskError("heartbeat_invalid_field", field="memory")
    return Heartbeat(
        version=version,
        js_heap_used_bytes=_optional_count(memory, "js_heap_used_bytes", MAX_BYTES),
        js_heap_limit_bytes=_optional_count(memory, "js_heap_limit_bytes", MAX_BYTES),
        dom_node_count=_optional_count(memory, "dom_node_count", MAX_COUNT),
        uptime_seconds=_optional_count(data, "uptime_seconds", MAX_COUNT),
    )


def record_heartbeat(screen: Screen, heartbeat: Heartbeat) -> None:
    """Store what ``screen`` reported, with the time it arrived."""
    Screen.objects.filter(pk=screen.pk).update(
        last_heartbeat_at=timezone.now(),
        reported_version=heartbeat.version,
        js_heap_used_bytes=heartbeat.js_heap_used_bytes,
        js_heap_limit_bytes=heartbeat.js_heap_limit_bytes,
        dom_node_count=heartbeat.dom_node_count,
        uptime_seconds=heartbeat.uptime_seconds,
    )
    logger.debug("screen %s: heartbeat, version %s", screen.pk, heartbeat.version)


def start_session(screen: Screen) -> KioskSession:
    """Count one visitor session on ``screen``; nothing about the visitor."""
    session = KioskSession.objects.create(screen=screen)
    logger.info("screen %s: session %s started", screen.pk, session.pk)
    return session


def get_or_create_short_link(target_url: str, label: str = "") -> ShortLink:
    """Return the short link of ``target_url``, creating it with a new code."""
    target_hash = ShortLink.hash_target(target_url)
    link = ShortLink.objects.filter(target_hash=target_hash).first()
    if link is not None:
        return link
    for _attempt in range(5):
        code = "".join(
            secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH)
        )
        try:
            with transaction.atomic():
                return ShortLink.objects.create(
                    code=code,
                    target_url=target_url,
                    target_hash=target_hash,
                    label=label[:200],
                )
        except IntegrityError:
            # Either the code is taken or another request created the link
            # for this target at the same time.
            link = ShortLink.objects.filter(target_hash=target_hash).first()
            if link is not None:
                return link
    raise RuntimeError(f"no free short code for {target_url!r} after 5 attempts")


def record_short_link_hit(code: str) -> ShortLink | None:
    """Count a scan of the short link ``code``; return the link or None."""
    link = ShortLink.objects.filter(code=code).first()
    if link is None:
        return None
    ShortLinkHit.objects.create(link=link)
    return link


def get_content_version() -> int:
    row = ContentVersion.objects.filter(pk=1).first()
    return row.value if row else 0


def raise_content_version(reason: str, page_id: int | None = None) -> None:
    """Raise the content version and tell the screens after commit.

    The number is raised in the transaction of the change, so screens that
    poll never see it before the change itself.
    """
    with transaction.atomic():
        ContentVersion.objects.get_or_create(pk=1)
        ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
        value = ContentVersion.objects.get(pk=1).value
    logger.info("kiosk content version %s after %s of page %s", value, reason, page_id)
    transaction.on_commit(lambda: broadcast_content_version(value))
