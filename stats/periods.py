"""Quarters and date ranges that indicators are computed over.

Periods are half-open: ``[start, end)`` in Europe/Paris, so a check-in at
midnight on the first day of a quarter counts in that quarter only.
"""

import dataclasses
import datetime
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER_PATTERN = re.compile(r"^\s*(\d{4})\s*-?\s*[QT]([1-4])\s*$", re.IGNORECASE)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


@dataclasses.dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: T1 is January to March."""

    year: int
    number: int

    def __post_init__(self):
        if self.number not in {1, 2, 3, 4}:
            raise ValueError(f"number must be 1, 2, 3 or 4, not {self.number!r}")
        if not 2000 <= self.year <= 2100:
            raise ValueError(f"year must be between 2000 and 2100, not {self.year!r}")

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """Read ``2026-T3`` or ``2026-Q3``; raise ValueError otherwise."""
        match = QUARTER_PATTERN.match(text or "")
        if match is None:
            raise ValueError(f"{text!r} is not a quarter such as 2026-T3")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, moment: datetime.datetime | datetime.date) -> "Quarter":
        if isinstance(moment, datetime.datetime):
            moment = timezone.localtime(moment, local_zone()).date()
        return cls(moment.year, (moment.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> "Quarter":
        return cls.containing(timezone.now())

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def period(self) -> "Period":
        return Period(self.first_day, self.last_day, quarter=self)

    @property
    def code(self) -> str:
        """The form used in URLs and exports: ``2026-T3``."""
        return f"{self.year}-T{self.number}"

    def __str__(self) -> str:
        # "T3 2026" in French, "Q3 2026" in English.
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


@dataclasses.dataclass(frozen=True)
class Period:
    """Days from ``first_day`` to ``last_day`` included; a quarter or a range."""

    first_day: datetime.date
    last_day: datetime.date
    quarter: Quarter | None = None

    def __post_init__(self):
        if self.last_day < self.first_day:
            raise ValueError("last_day is before first_day")

    @property
    def start(self) -> datetime.datetime:
        return start_of_day(self.first_day)

    @property
    def end(self) -> datetime.datetime:
        """The first instant after the period (exclusive bound)."""
        return start_of_day(self.last_day + datetime.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def previous(self) -> "Period":
        """The period just before: the previous quarter, or as many days."""
        if self.quarter is not None:
            return self.quarter.previous().period()
        last = self.first_day - datetime.timedelta(days=1)
        return Period(last - datetime.timedelta(days=self.days - 1), last)

    def includes_today(self) -> bool:
        return self.first_day <= timezone.localdate() <= self.last_day

    def __str__(self) -> str:
        if self.quarter is not None:
            return str(self.quarter)
        return _("%(first)s to %(last)s") % {
            "first": self.first_day.strftime("%d/%m/%Y"),
            "last": self.last_day.strftime("%d/%m/%Y"),
        }


def quarter_to_date(
    quarter: Quarter, today: datetime.date
) -> tuple["Period", "Period"]:
    """Return the days of ``quarter`` up to ``today`` and the same days before.

    The second period starts on the first day of the previous quarter and has
    as many days as the first, cut at that quarter's last day (quarters have
    90 to 92 days). Comparing a quarter in progress with a whole quarter would
    show a fall every time, however busy the current quarter is.
    """
    if not quarter.first_day <= today <= quarter.last_day:
        raise ValueError(f"today must be within {quarter.code}, not {today}")
    current = Period(quarter.first_day, today)
    previous_quarter = quarter.previous()
    previous_last = min(
        previous_quarter.first_day + datetime.timedelta(days=current.days - 1),
        previous_quarter.last_day,
    )
    return current, Period(previous_quarter.first_day, previous_last)


def recent_quarters(last: Quarter, count: int) -> list[Quarter]:
    """Return ``count`` quarters ending with ``last``, oldest first."""
    quarters = [last]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return list(reversed(quarters))
