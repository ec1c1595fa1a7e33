"""The quarter's label in the programme's quarter filter."""

import pytest
from django.utils import translation

from events.models import Quarter
from events.models.pages import FILTER_THEME_CHARACTERS, shorten_at_word


@pytest.mark.parametrize(
    ("theme", "expected"),
    [
        ("", "T4 2026"),
        ("Accueil", "T4 2026 – Accueil"),
        ("Le numérique au service des usagers", "T4 2026 – Le numérique au…"),
        ("Dématérialisation, sobriété", "T4 2026 – Dématérialisation…"),
    ],
)
def test_filter_label_shortens_theme(theme, expected):
    quarter = Quarter(year=2026, number=4, theme=theme)

    with translation.override("fr"):
        label = quarter.filter_label

    assert label == expected


def test_shorten_at_word_respects_limit():
    text = "Un thème très long " * 10

    shortened = shorten_at_word(text, FILTER_THEME_CHARACTERS)

    assert len(shortened) <= FILTER_THEME_CHARACTERS
    assert shortened.endswith("…")
    assert text.startswith(shortened[:-1])


def test_shorten_at_word_cuts_single_long_word():
    shortened = shorten_at_word("Anticonstitutionnellement", 10)

    assert shortened == "Anticonst…"


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "T4 2026"), ("en", "Q4 2026")]
)
def test_quarter_label_translated(language, expected):
    quarter = Quarter(year=2026, number=4)

    with translation.override(language):
        label = str(quarter)

    assert label == expected


@pytest.mark.parametrize(("language", "expected"), [("fr", "T2"), ("en", "Q2")])
def test_quarter_number_choice_label(language, expected):
    with translation.override(language):
        assert Quarter(year=2026, number=2).get_number_display() == expected


@pytest.mark.parametrize(
    ("language", "theme_en", "expected"),
    [
        ("fr", "Serving residents", "Accueil des usagers"),
        ("en", "Serving residents", "Serving residents"),
        ("en", "", "Accueil des usagers"),
    ],
)
def test_theme_in_page_language(language, theme_en, expected):
    quarter = Quarter(
        year=2026, number=4, theme="Accueil des usagers", theme_en=theme_en
    )

    with translation.override(language):
        theme = quarter.localized_theme
        label = quarter.filter_label

    assert theme == expected
    assert label.endswith(expected)
