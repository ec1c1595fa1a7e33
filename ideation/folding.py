"""Search that ignores accents and case: "ecran" finds "Écran d'accueil".

People type without accents on phones and in haste. ``Fold`` folds a text
column in the database the way ``fold`` folds the typed words in Python:
through the ``unaccent`` extension on PostgreSQL (created by a migration),
and through a function registered on each SQLite connection.
"""

import logging
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField

logger = logging.getLogger(__name__)

SQLITE_FUNCTION = "SC_FOLD"


def fold(text: str | None) -> str:
    """Return ``text`` without accents and in lower case."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        char for char in decomposed if not unicodedata.combining(char)
    ).casefold()


class Fold(Func):
    """The folded text of an expression, computed by the database."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function=SQLITE_FUNCTION, **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="LOWER(UNACCENT(%(expressions)s))"
        )

    def as_sql(self, compiler, connection, **extra_context):
        # Other databases: case only.
        return super().as_sql(compiler, connection, function="LOWER", **extra_context)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
    logger.debug("connection %s: %s registered", connection.alias, SQLITE_FUNCTION)


def connect_signals() -> None:
    connection_created.connect(
        register_sqlite_fold, dispatch_uid="ideation.folding.register_sqlite_fold"
    )
