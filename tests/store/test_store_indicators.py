"""Store counts for the indicators: per range, per space, no person."""

import datetime

from django.utils import timezone

from store import indicators
from store.models import DeskVisit, HelpRequest

PARIS = timezone.get_default_timezone()


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def test_desk_visits_per_space_in_range(db):
    january = datetime.date(2027, 1, 1)
    april = datetime.date(2027, 4, 1)
    for moment in (at(january, 9), at(january, 10), at(april, 0)):
        DeskVisit.objects.create(space="store", recorded_at=moment)
    DeskVisit.objects.create(
        space="lab", recorded_at=at(datetime.date(2027, 3, 31), 23)
    )

    counts = indicators.count_desk_visits(january, april)

    assert counts == {"store": 2, "room": 0, "class": 0, "lab": 1}


def test_help_requests_per_kind(agent):
    day = datetime.date(2027, 2, 1)
    for kind in ("troubleshooting", "troubleshooting", "getting_started"):
        HelpRequest.objects.create(
            requester=agent, kind=kind, description="x", created_at=at(day, 10)
        )

    counts = indicators.count_help_requests(day, day + datetime.timedelta(days=1))

    assert counts == {"troubleshooting": 2, "getting_started": 1, "total": 3}
