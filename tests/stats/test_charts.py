"""Numbers written on the report's SVG charts."""

import pytest
from django.utils import translation

from stats.charts import Bar


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "12\u202f346"), ("en", "12,346")],
)
def test_bar_groups_thousands(language, expected):
    with translation.override(language):
        assert Bar(label="Visites", value=12345.6).display == expected


def test_bar_small_value_not_grouped():
    with translation.override("fr"):
        assert Bar(label="Visites", value=999).display == "999"


def test_bar_without_value_shows_dash():
    assert Bar(label="Visites", value=None).display == "–"
