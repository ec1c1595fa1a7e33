"""The stored "trending" rank of an idea, and the SQL that keeps it current.

The rank is ``log10(1 + votes + 2 × comments) + hours since the Unix epoch
/ HOT_DECADE_HOURS``. It does not depend on the time of reading, so the
database can index it and sort and paginate the board by it. Ordering ideas
by rank is the same as ordering them by a score that decays with age: an
idea ranks level with one posted ``HOT_DECADE_HOURS`` later when its support
plus one is ten times as large.

Every statement that changes ``vote_count`` or ``comment_count`` sets
``hot_rank`` from the new counts in the same ``UPDATE``, so the rank stays
equal to ``compute_hot_rank`` with no periodic job.
"""

import datetime
import math

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Log

# Hours of age that ten times the support makes up for: a day-old idea
# needs about ten times the support of a new one to stay level.
HOT_DECADE_HOURS = 24
SECONDS_PER_DECADE = HOT_DECADE_HOURS * 3600
# A comment weighs as much as two votes.
COMMENT_WEIGHT = 2


def compute_hot_rank(
    vote_count: int, comment_count: int, created_at: datetime.datetime
) -> float:
    """Return the rank of an idea with these counts, posted at ``created_at``."""
    support = 1 + vote_count + COMMENT_WEIGHT * comment_count
    return math.log10(support) + created_at.timestamp() / SECONDS_PER_DECADE


class EpochSeconds(models.Func):
    """Seconds from the Unix epoch to a datetime column, as a float.

    Each backend spells it differently. SQLite stores UTC text, which
    ``julianday`` reads to the millisecond.
    """

    output_field = models.FloatField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM %(expressions)s)::double precision",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # 2440587.5 is the Julian day number of 1970-01-01 00:00 UTC.
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
            **extra_context,
        )


def hot_rank_expression(vote_count, comment_count, created_at=None):
    """Return the SQL expression of the rank for an ``UPDATE`` of ``Idea``.

    ``vote_count`` and ``comment_count`` are the new values: expressions
    such as ``F("vote_count") + 1`` or plain integers. SQL evaluates every
    ``SET`` clause against the row as it was before the statement, so the
    new counts have to be spelled out here.
    """
    if created_at is None:
        created_at = F("created_at")
    support = Value(1) + vote_count + COMMENT_WEIGHT * comment_count
    return Log(10, support) + EpochSeconds(created_at) / float(SECONDS_PER_DECADE)


class HotRankField(models.FloatField):
    """A float column that fills itself from the idea's counts on insert.

    ``pre_save`` covers ``save()``, ``create()`` and ``bulk_create()``. The
    field is declared after ``created_at``, ``vote_count`` and
    ``comment_count``, so their own ``pre_save`` (the ``auto_now_add``
    date) has already run: Django calls it field by field in declaration
    order. ``UPDATE`` statements set the rank themselves with
    ``hot_rank_expression``.
    """

    def pre_save(self, model_instance, add):
        created_at = model_instance.created_at
        if created_at is None:
            return super().pre_save(model_instance, add)
        value = compute_hot_rank(
            model_instance.vote_count, model_instance.comment_count, created_at
        )
        setattr(model_instance, self.attname, value)
        return value
