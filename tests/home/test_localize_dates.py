"""Dates under translated texts in wagtail-localize's translation editor."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation
from wagtail_localize.models import StringTranslation

# 23:17 UTC on 5 December is 0 h 17 on 6 December in Paris.
LATE_EVENING_UTC = datetime.datetime(2026, 12, 5, 23, 17, tzinfo=datetime.UTC)


def string_translation(**fields):
    """Return a stand-in for a StringTranslation, without database rows."""
    values = {
        "TRANSLATION_TYPE_MANUAL": StringTranslation.TRANSLATION_TYPE_MANUAL,
        "TRANSLATION_TYPE_MACHINE": StringTranslation.TRANSLATION_TYPE_MACHINE,
        "tool_name": "",
        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
        "updated_at": LATE_EVENING_UTC,
    }
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "Traduit manuellement le 6 décembre 2026"),
        (
            {"translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE},
            "Traduit automatiquement le 6 décembre 2026",
        ),
    ],
)
def test_comment_date_french_and_local(fields, expected):
    with translation.override("fr"):
        comment = StringTranslation.get_comment(string_translation(**fields))

    assert comment == expected


def test_comment_names_tool():
    with translation.override("fr"):
        comment = StringTranslation.get_comment(string_translation(tool_name="DeepL"))

    assert "DeepL" in comment
    assert "6 décembre 2026" in comment
