"""Read ids from query strings, where any text can arrive."""

# 19 digits can exceed a 64-bit integer, on which SQLite raises
# OverflowError, so longer values are not ids.
MAX_ID_DIGITS = 18


def parse_id(value: str) -> int | None:
    """Return ``value`` as a database id, or None when it is not one.

    Only ASCII digits count: ``str.isdigit`` alone also accepts "²", which
    ``int`` rejects, and "٣", which no link of the site writes.
    """
    if not (value.isascii() and value.isdigit()) or len(value) > MAX_ID_DIGITS:
        return None
    return int(value)
