"""Facts: the aggregated counts that every indicator is computed from.

A metric collects *facts* for a period: counts grouped by its dimensions
(event kind, site, audience, space, challenge…), never by person. Totals,
breakdowns and filters are sums over facts, so a frozen quarter only needs
its facts stored to give the same figures for any filter later.

Metrics whose counts cannot be summed (distinct participants: one person
active on two challenges counts once overall) are *non-additive*: they
collect one fact for the whole period and one per value of each dimension,
and a filter on two of their dimensions at once is not available.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable

ALL = "*"

Dimensions = dict[str, str]
Fact = tuple[Dimensions, int]


@dataclasses.dataclass(frozen=True)
class Metric:
    """A count over a period, grouped by ``dimensions``."""

    key: str
    section: str
    label: str
    dimensions: tuple[str, ...]
    collect: Callable  # (start, end) -> Iterable[Fact]
    additive: bool = True
    description: str = ""


@dataclasses.dataclass(frozen=True)
class Rate:
    """A percentage: one metric's total over another's, same filters."""

    key: str
    section: str
    label: str
    numerator: str
    denominator: str
    description: str = ""


def normalise(facts: Iterable[Fact], dimensions: tuple[str, ...]) -> list[Fact]:
    """Return facts with every dimension present, as strings, and merged.

    Sources give ids as integers, and leave out or set to None a dimension
    they do not know for a row: it becomes "", shown as "Not specified".
    The stored snapshot and the comparisons need this one shape.
    """
    merged: dict[tuple, int] = defaultdict(int)
    for dims, value in facts:
        key = tuple(
            (name, "" if dims.get(name) is None else str(dims[name]))
            for name in dimensions
        )
        merged[key] += int(value)
    return [(dict(key), value) for key, value in sorted(merged.items())]


def applicable(metric: Metric, filters: Dimensions) -> bool:
    """Return whether every active filter is a dimension of ``metric``."""
    return all(name in metric.dimensions for name in filters)


def total(metric: Metric, facts: list[Fact], filters: Dimensions) -> int | None:
    """Return the metric's value under ``filters``, or None if not available."""
    if not applicable(metric, filters):
        return None
    if metric.additive:
        return sum(
            value
            for dims, value in facts
            if all(dims.get(name) == wanted for name, wanted in filters.items())
            and not any(dims.get(name) == ALL for name in metric.dimensions)
        )
    if len(filters) > 1:
        return None
    wanted = {name: filters.get(name, ALL) for name in metric.dimensions}
    for dims, value in facts:
        if dims == wanted:
            return value
    return 0


def breakdown(
    metric: Metric, facts: list[Fact], dimension: str, filters: Dimensions
) -> dict[str, int] | None:
    """Return the metric's values per value of ``dimension`` under ``filters``."""
    if dimension not in metric.dimensions or not applicable(metric, filters):
        return None
    other_filters = {k: v for k, v in filters.items() if k != dimension}
    groups: dict[str, int] = defaultdict(int)
    if metric.additive:
        for dims, value in facts:
            if any(dims.get(name) == ALL for name in metric.dimensions):
                continue
            if all(dims.get(k) == v for k, v in other_filters.items()):
                groups[dims[dimension]] += value
    else:
        if other_filters:
            return None
        for dims, value in facts:
            others_all = all(
                dims.get(name) == ALL for name in metric.dimensions if name != dimension
            )
            if dims.get(dimension) != ALL and others_all:
                groups[dims[dimension]] += value
    if dimension in filters:
        return {filters[dimension]: groups.get(filters[dimension], 0)}
    return dict(sorted(groups.items(), key=lambda item: (-item[1], item[0])))


def rate(numerator: int | None, denominator: int | None) -> float | None:
    """Return numerator / denominator in percent, or None when not defined."""
    if numerator is None or not denominator:
        return None
    return 100.0 * numerator / denominator


def growth(current: float | None, previous: float | None) -> float | None:
    """Return the change in percent, or None (shown "n/a") when previous is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return 100.0 * (current - previous) / previous
