"""System checks of what the Smart Lab needs from the database."""

import sqlite3

from django.core import checks
from django.db import connections

# INSERT … ON CONFLICT DO NOTHING RETURNING records a vote in one statement,
# and SQLite has RETURNING since 3.35.0.
SQLITE_MINIMUM = (3, 35, 0)


@checks.register(checks.Tags.compatibility)
def check_sqlite_version(app_configs=None, **kwargs):
    """Return an error when a SQLite database runs on a SQLite too old for votes."""
    uses_sqlite = any(
        connections[alias].vendor == "sqlite" for alias in connections.settings
    )
    if not uses_sqlite or sqlite3.sqlite_version_info >= SQLITE_MINIMUM:
        return []
    needed = ".".join(str(part) for part in SQLITE_MINIMUM)
    return [
        checks.Error(
            f"SQLite {sqlite3.sqlite_version} is too old: the Smart Lab needs "
            f"SQLite {needed} or later to record votes.",
            hint=(
                "Use a Python built with a newer SQLite (Debian 12 has 3.40), "
                "or set DATABASE_URL to a PostgreSQL database."
            ),
            id="ideation.E001",
        )
    ]
