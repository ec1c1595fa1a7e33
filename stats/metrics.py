"""The indicators the committee reads, in the order of the report.

Each area's facts come from ``stats.sources``; adding an indicator is one
entry here and one source function.
"""

from django.utils.translation import gettext_lazy as _

from stats.facts import Metric, Rate
from stats.sources import lab


class Section:
    EVENTS = "events"
    PLACES = "places"
    LAB = "lab"


SECTION_LABELS = {
    Section.EVENTS: _("Events"),
    Section.PLACES: _("Places"),
    Section.LAB: _("Smart Lab"),
}

METRICS: list[Metric] = [
    Metric(
        key="lab.ideas",
        section=Section.LAB,
        label=_("Ideas posted"),
        dimensions=("challenge",),
        collect=lab.ideas_posted,
    ),
    Metric(
        key="lab.votes",
        section=Section.LAB,
        label=_("Votes cast"),
        dimensions=("challenge",),
        collect=lab.votes_cast,
    ),
    Metric(
        key="lab.participants",
        section=Section.LAB,
        label=_("Distinct participants"),
        dimensions=("challenge",),
        collect=lab.participants,
        additive=False,
        description=_("People who posted or voted at least once in the period."),
    ),
]

RATES: list[Rate] = []


def get_metric(key: str) -> Metric:
    for metric in METRICS:
        if metric.key == key:
            return metric
    raise KeyError(key)


def all_dimensions() -> list[str]:
    """Every dimension some metric has, in first-seen order."""
    seen: list[str] = []
    for metric in METRICS:
        for name in metric.dimensions:
            if name not in seen:
                seen.append(name)
    return seen
