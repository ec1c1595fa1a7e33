"""Quarters and ranges: bounds in Paris time, previous periods, parsing."""

import datetime

import pytest

from stats.periods import Period, Quarter, quarter_to_date


def test_quarter_parse_french_and_english():
    assert Quarter.parse("2026-T3") == Quarter(2026, 3)
    assert Quarter.parse("2026-q1") == Quarter(2026, 1)


@pytest.mark.parametrize("text", ["", "2026", "2026-T5", "T3", "2026-T3; drop"])
def test_quarter_parse_rejects_other_text(text):
    with pytest.raises(ValueError):
        Quarter.parse(text)


def test_quarter_previous_crosses_the_year():
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)


def test_quarter_bounds_paris_midnight():
    period = Quarter(2026, 2).period()

    assert period.start.isoformat() == "2026-04-01T00:00:00+02:00"
    assert period.end.isoformat() == "2026-07-01T00:00:00+02:00"
    assert Quarter(2026, 1).period().start.isoformat() == "2026-01-01T00:00:00+01:00"


def test_range_previous_same_length():
    period = Period(datetime.date(2026, 3, 10), datetime.date(2026, 3, 19))

    previous = period.previous()

    assert previous.last_day == datetime.date(2026, 3, 9)
    assert previous.days == 10


def test_quarter_to_date_same_days_before():
    current, previous = quarter_to_date(Quarter(2026, 4), datetime.date(2026, 12, 5))

    assert current.first_day == datetime.date(2026, 10, 1)
    assert current.last_day == datetime.date(2026, 12, 5)
    assert previous.first_day == datetime.date(2026, 7, 1)
    assert previous.days == current.days


def test_quarter_to_date_cut_at_shorter_quarter():
    # The second quarter of 2026 has 91 days and the first only 90.
    current, previous = quarter_to_date(Quarter(2026, 2), datetime.date(2026, 6, 30))

    assert current.days == 91
    assert previous.last_day == datetime.date(2026, 3, 31)


def test_quarter_to_date_rejects_day_outside():
    with pytest.raises(ValueError, match="2026-T4"):
        quarter_to_date(Quarter(2026, 4), datetime.date(2027, 1, 1))
