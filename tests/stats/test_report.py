"""The report: counts, growth, frozen quarters, breakdowns, participants."""

import datetime

import pytest
from django.utils import translation

from stats.errors import StatsError
from stats.periods import Quarter
from stats.report import build_report, freeze_quarter
from tests.stats.conftest import make_user

Q1, Q2, Q3 = Quarter(2025, 1), Quarter(2025, 2), Quarter(2025, 3)


def row(report, key):
    return next(item for item in report.rows() if item.key == key)


@pytest.fixture
def growth_dataset(post_ideas):
    """100, 223 then 339 ideas: +123 % in Q2 and +52 % in Q3."""
    post_ideas(100, datetime.date(2025, 2, 14))
    post_ideas(223, datetime.date(2025, 5, 20))
    post_ideas(339, datetime.date(2025, 9, 30))


def test_report_growth_matches_dataset(growth_dataset):
    second = row(build_report(Q2.period(), {}), "lab.ideas")
    third = row(build_report(Q3.period(), {}), "lab.ideas")

    assert (second.previous, second.value) == (100, 223)
    assert round(second.growth) == 123
    assert round(third.growth) == 52
    assert second.growth_text == "+123\u00a0%"


def test_report_growth_after_empty_quarter(post_ideas):
    post_ideas(5, datetime.date(2025, 5, 2))

    second = row(build_report(Q2.period(), {}), "lab.ideas")

    assert second.previous == 0
    assert second.growth is None
    with translation.override("en"):
        assert second.growth_text == "n/a"
    with translation.override("fr"):
        assert second.growth_text == "n.d."


def test_growth_text_rounds_to_nearest(db):
    from stats.report import format_growth

    assert format_growth(122.9) == "+123\u00a0%"
    assert format_growth(-0.6) == "−1\u00a0%"


@pytest.mark.parametrize(
    ("growth", "text"),
    [(-99.6, "−99.6\u00a0%"), (-99.96, "−99.9\u00a0%"), (-100, "−100\u00a0%")],
)
def test_growth_text_keeps_fall_short_of_all(db, growth, text):
    """1 visit against 240 read "−100 %", which means none at all."""
    from stats.report import format_growth

    with translation.override("en"):
        assert format_growth(growth) == text


def test_growth_text_groups_thousands(db):
    from stats.report import format_growth

    with translation.override("fr"):
        french = format_growth(1200)
    with translation.override("en"):
        english = format_growth(-1200)

    assert french == "+1\u202f200\u00a0%"
    assert english == "−1,200\u00a0%"


def test_report_quarter_first_instant(post_ideas):
    post_ideas(1, datetime.date(2025, 4, 1))

    assert row(build_report(Q2.period(), {}), "lab.ideas").value == 1
    assert row(build_report(Q1.period(), {}), "lab.ideas").value == 0


def test_frozen_quarter_ignores_new_records(post_ideas, committee_member):
    post_ideas(7, datetime.date(2025, 5, 2))
    freeze_quarter(Q2, committee_member)

    post_ideas(3, datetime.date(2025, 5, 3))
    report = build_report(Q2.period(), {})

    assert row(report, "lab.ideas").value == 7
    assert report.frozen is not None
    assert report.provisional is False


def test_freezing_twice_is_refused(committee_member):
    freeze_quarter(Q1, committee_member)

    with pytest.raises(StatsError) as raised:
        freeze_quarter(Q1, committee_member)

    assert raised.value.code == "already_frozen"


def test_freezing_current_quarter_is_refused(committee_member):
    with pytest.raises(StatsError) as raised:
        freeze_quarter(Quarter.current(), committee_member)

    assert raised.value.code == "quarter_not_over"


def test_current_quarter_is_provisional(db):
    assert build_report(Quarter.current().period(), {}).provisional is True


def test_participants_counted_once_across_boards(post_ideas, board):
    from wagtail.models import Page

    from ideation.models import IdeaBoardPage

    other = IdeaBoardPage(title="Défi des indicateurs", slug="defi-stats")
    Page.get_first_root_node().add_child(instance=other)
    person = make_user("deux-boites@example.org")
    post_ideas(2, datetime.date(2025, 5, 2), author=person)
    post_ideas(1, datetime.date(2025, 5, 2), author=person, target=other)

    participants = row(build_report(Q2.period(), {}), "lab.participants")
    per_board = dict(participants.breakdowns[0].items)

    assert participants.value == 1
    assert sorted(per_board.values()) == [1, 1]


def test_board_filter_counts_its_ideas(post_ideas, board):
    from wagtail.models import Page

    from ideation.models import IdeaBoardPage

    other = IdeaBoardPage(title="Autre défi", slug="autre-defi-stats")
    Page.get_first_root_node().add_child(instance=other)
    post_ideas(4, datetime.date(2025, 5, 2))
    post_ideas(6, datetime.date(2025, 5, 2), target=other)

    report = build_report(Q2.period(), {"challenge": str(other.translation_key)})

    assert row(report, "lab.ideas").value == 6
