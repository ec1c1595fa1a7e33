"""Ids read from query strings."""

import pytest

from cms.query import MAX_ID_DIGITS, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        ("007", 7),
        ("9" * MAX_ID_DIGITS, int("9" * MAX_ID_DIGITS)),
        ("", None),
        ("-1", None),
        ("1.5", None),
        (" 3", None),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("abc", None),
        ("9" * (MAX_ID_DIGITS + 1), None),
    ],
)
def test_parse_id_cases(value, expected):
    assert parse_id(value) == expected
