"""The indicators the committee reads, in the order of the report.

Each area's facts come from ``stats.sources``; adding an indicator is one
entry here and one source function.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ideation.models import StatusKind
from stats.facts import Metric, Rate
from stats.sources import events, lab, places


class Section:
    EVENTS = "events"
    PLACES = "places"
    LAB = "lab"


SECTION_LABELS = {
    Section.EVENTS: _("Events"),
    Section.PLACES: _("Places"),
    Section.LAB: _("Smart Lab"),
}

EVENT_DIMENSIONS = ("kind", "site", "tour")
PEOPLE_DIMENSIONS = ("kind", "site", "tour", "audience")

METRICS: list[Metric] = [
    Metric(
        key="events.attendance",
        section=Section.EVENTS,
        label=_("Attendance"),
        dimensions=PEOPLE_DIMENSIONS,
        collect=events.attendance,
        description=_("People checked in at events, walk-ins included."),
    ),
    Metric(
        key="events.held",
        section=Section.EVENTS,
        label=_("Events held"),
        dimensions=EVENT_DIMENSIONS,
        collect=events.events_held,
    ),
    Metric(
        key="events.seats",
        section=Section.EVENTS,
        label=_("Seats offered"),
        dimensions=EVENT_DIMENSIONS,
        collect=events.seats_offered,
    ),
    Metric(
        key="events.registered",
        section=Section.EVENTS,
        label=_("Registered people"),
        dimensions=PEOPLE_DIMENSIONS,
        collect=events.registered,
        description=_("Confirmed registrations, walk-ins excluded."),
    ),
    Metric(
        key="events.no_shows",
        section=Section.EVENTS,
        label=_("No-shows"),
        dimensions=PEOPLE_DIMENSIONS,
        collect=events.no_shows,
        description=_("Registered people not checked in at events that have ended."),
    ),
    Metric(
        key="places.store_visits",
        section=Section.PLACES,
        label=_("Visits counted at the desk"),
        dimensions=("space",),
        collect=places.store_visits,
    ),
    Metric(
        key="places.help_requests",
        section=Section.PLACES,
        label=_("Help requests"),
        dimensions=("help_kind",),
        collect=places.help_requests,
    ),
    Metric(
        key="places.reservations",
        section=Section.PLACES,
        label=_("Equipment reservations"),
        dimensions=(),
        collect=places.reservations,
    ),
    Metric(
        key="places.kiosk_sessions",
        section=Section.PLACES,
        label=_("Kiosk sessions"),
        dimensions=("screen",),
        collect=places.kiosk_sessions,
    ),
    Metric(
        key="places.qr_scans",
        section=Section.PLACES,
        label=pgettext_lazy("indicator", "QR code scans"),
        dimensions=(),
        collect=places.qr_scans,
    ),
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
        key="lab.comments",
        section=Section.LAB,
        label=_("Comments"),
        dimensions=("challenge",),
        collect=lab.comments_posted,
    ),
    Metric(
        key="lab.participants",
        section=Section.LAB,
        label=_("Distinct participants"),
        dimensions=("challenge",),
        collect=lab.participants,
        additive=False,
        description=_(
            "People who posted, voted or commented at least once in the period."
        ),
    ),
    Metric(
        key="lab.selected",
        section=Section.LAB,
        label=_("Ideas selected"),
        dimensions=("challenge",),
        collect=lab.ideas_reaching(StatusKind.SELECTED),
    ),
    Metric(
        key="lab.in_development",
        section=Section.LAB,
        label=_("Ideas put in development"),
        dimensions=("challenge",),
        collect=lab.ideas_reaching(StatusKind.IN_DEVELOPMENT),
    ),
    Metric(
        key="lab.implemented",
        section=Section.LAB,
        label=_("Ideas implemented"),
        dimensions=("challenge",),
        collect=lab.ideas_reaching(StatusKind.IMPLEMENTED),
    ),
]

RATES: list[Rate] = [
    Rate(
        key="events.fill_rate",
        section=Section.EVENTS,
        label=_("Fill rate"),
        numerator="events.attendance",
        denominator="events.seats",
        description=_("Attendance over seats offered."),
    ),
    Rate(
        key="events.no_show_rate",
        section=Section.EVENTS,
        label=_("No-show rate"),
        numerator="events.no_shows",
        denominator="events.registered",
        description=_("No-shows over registered people."),
    ),
]


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
