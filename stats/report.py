"""Build the committee's report: values, previous values, growth, breakdowns."""

import dataclasses
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

import audit
from stats import facts as fact_math
from stats.dimensions import DIMENSION_LABELS, value_labels
from stats.errors import StatsError
from stats.metrics import METRICS, RATES, SECTION_LABELS, get_metric
from stats.models import QuarterSnapshot
from stats.periods import Period, Quarter, recent_quarters

logger = logging.getLogger(__name__)

TREND_QUARTERS = 6


@dataclasses.dataclass
class Breakdown:
    dimension: str
    label: str
    # (value label, count) pairs, largest first.
    items: list[tuple[str, int]]


@dataclasses.dataclass
class Row:
    key: str
    label: str
    description: str
    value: float | None
    previous: float | None
    growth: float | None
    is_rate: bool = False
    breakdowns: list[Breakdown] = dataclasses.field(default_factory=list)
    # Filled by the admin view: rendered SVG charts and their data.
    trend_chart: str = ""
    trend_items: list = dataclasses.field(default_factory=list)
    breakdown_charts: list = dataclasses.field(default_factory=list)

    @property
    def value_text(self) -> str:
        return format_figure(self.value, self.is_rate)

    @property
    def previous_text(self) -> str:
        return format_figure(self.previous, self.is_rate)

    @property
    def growth_text(self) -> str:
        return format_growth(self.growth)


def format_figure(value: float | None, is_rate: bool) -> str:
    """Format a figure for text: "–" when not available, "12.5 %" for rates."""
    if value is None:
        return "–"
    if is_rate:
        return f"{number_format(round(value, 1), decimal_pos=1)}\u00a0%"
    # number_format truncates decimals, so round first.
    return number_format(round(value), decimal_pos=0, force_grouping=True)


def format_growth(growth: float | None) -> str:
    """Format a growth: "+123 %", "−12 %", or "n/a" when it cannot be computed."""
    if growth is None:
        return gettext("n/a")
    sign = "+" if growth > 0 else ("−" if growth < 0 else "")
    rounded = round(abs(growth))
    if rounded == 100 and growth > -100 and growth < 0:
        # "−100 %" means that nothing is left: a fall of 99.6 % keeps its
        # decimal, and a fall closer to 100 % reads "−99.9 %" at most.
        shown = min(round(abs(growth), 1), 99.9)
        return f"{sign}{number_format(shown, decimal_pos=1)}\u00a0%"
    return f"{sign}{number_format(rounded, decimal_pos=0, force_grouping=True)}\u00a0%"


@dataclasses.dataclass
class Section:
    key: str
    label: str
    rows: list[Row]


@dataclasses.dataclass
class Report:
    period: Period
    previous_period: Period
    filters: dict[str, str]
    sections: list[Section]
    frozen: QuarterSnapshot | None
    provisional: bool

    def rows(self):
        for section in self.sections:
            yield from section.rows


def get_snapshot(period: Period) -> QuarterSnapshot | None:
    if period.quarter is None:
        return None
    return QuarterSnapshot.objects.filter(
        year=period.quarter.year, number=period.quarter.number
    ).first()


def collect_facts(period: Period) -> dict[str, list]:
    """Collect every metric's facts for ``period`` from the live records."""
    return {
        metric.key: fact_math.normalise(
            metric.collect(period.start, period.end), metric.dimensions
        )
        for metric in METRICS
    }


def facts_for(period: Period) -> tuple[dict[str, list], QuarterSnapshot | None]:
    """Return the facts of ``period``: frozen ones when the quarter is frozen."""
    snapshot = get_snapshot(period)
    live = None
    if snapshot is None:
        return collect_facts(period), None
    stored = {
        key: [(dict(dims), value) for dims, value in rows]
        for key, rows in snapshot.facts.items()
    }
    missing = [metric.key for metric in METRICS if metric.key not in stored]
    if missing:
        # An indicator added after the quarter was frozen: computed live, and
        # the report says which ones are not frozen.
        live = collect_facts(period)
        stored.update({key: live[key] for key in missing})
    return stored, snapshot


def metric_value(key: str, facts: dict, filters: dict) -> float | None:
    metric = get_metric(key)
    return fact_math.total(metric, facts.get(key, []), filters)


def rate_value(rate, facts: dict, filters: dict) -> float | None:
    return fact_math.rate(
        metric_value(rate.numerator, facts, filters),
        metric_value(rate.denominator, facts, filters),
    )


def build_breakdowns(metric, facts: list, filters: dict) -> list[Breakdown]:
    breakdowns = []
    for dimension in metric.dimensions:
        groups = fact_math.breakdown(metric, facts, dimension, filters)
        if not groups:
            continue
        labels = value_labels(dimension, list(groups))
        breakdowns.append(
            Breakdown(
                dimension=dimension,
                label=str(DIMENSION_LABELS.get(dimension, dimension)),
                items=[(labels[value], count) for value, count in groups.items()],
            )
        )
    return breakdowns


def build_report(
    period: Period,
    filters: dict[str, str],
    previous_period: Period | None = None,
) -> Report:
    """Compute the report for ``period`` compared with ``previous_period``.

    ``previous_period`` defaults to the period just before ``period``.
    """
    current_facts, snapshot = facts_for(period)
    if previous_period is None:
        previous_period = period.previous()
    previous_facts, _previous_snapshot = facts_for(previous_period)
    rows_by_section: dict[str, list[Row]] = {key: [] for key in SECTION_LABELS}
    for metric in METRICS:
        value = metric_value(metric.key, current_facts, filters)
        previous = metric_value(metric.key, previous_facts, filters)
        rows_by_section[metric.section].append(
            Row(
                key=metric.key,
                label=str(metric.label),
                description=str(metric.description),
                value=value,
                previous=previous,
                growth=fact_math.growth(value, previous),
                breakdowns=build_breakdowns(
                    metric, current_facts.get(metric.key, []), filters
                ),
            )
        )
    for rate in RATES:
        value = rate_value(rate, current_facts, filters)
        previous = rate_value(rate, previous_facts, filters)
        rows_by_section[rate.section].append(
            Row(
                key=rate.key,
                label=str(rate.label),
                description=str(rate.description),
                value=value,
                previous=previous,
                growth=fact_math.growth(value, previous),
                is_rate=True,
            )
        )
    sections = [
        Section(key=key, label=str(label), rows=rows_by_section[key])
        for key, label in SECTION_LABELS.items()
        if rows_by_section[key]
    ]
    return Report(
        period=period,
        previous_period=previous_period,
        filters=filters,
        sections=sections,
        frozen=snapshot,
        provisional=snapshot is None and period.last_day >= timezone.localdate(),
    )


def trend(metric_key: str, last: Quarter, filters: dict, count=TREND_QUARTERS):
    """Return ``(quarter, value)`` for the ``count`` quarters ending with ``last``."""
    series = []
    for quarter in recent_quarters(last, count):
        facts, _snapshot = facts_for(quarter.period())
        series.append((quarter, metric_value(metric_key, facts, filters)))
    return series


def freeze_quarter(quarter: Quarter, user) -> QuarterSnapshot:
    """Store the quarter's facts so that its figures stop changing."""
    if quarter.last_day >= timezone.localdate():
        raise StatsError("quarter_not_over")
    with transaction.atomic():
        if QuarterSnapshot.objects.filter(
            year=quarter.year, number=quarter.number
        ).exists():
            raise StatsError("already_frozen")
        facts = collect_facts(quarter.period())
        try:
            with transaction.atomic():
                snapshot = QuarterSnapshot.objects.create(
                    year=quarter.year,
                    number=quarter.number,
                    frozen_by=user,
                    facts={key: [list(f) for f in rows] for key, rows in facts.items()},
                )
        except IntegrityError as error:
            raise StatsError("already_frozen") from error
        audit.record("stats.quarter.frozen", actor=user, target=snapshot)
    logger.info("quarter %s frozen by user %s", quarter.code, getattr(user, "pk", None))
    return snapshot
