"""Clean-up of typed text: bidirectional controls and invisible characters."""

import pytest
from django.core.exceptions import ValidationError

from cms.text import TypedTextField, clean_typed_text


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("Benali\u202e", "Benali"),
        ("Am\u2067ina\u2069", "Amina"),
        ("\u200b Amina \u2060\ufeff", "Amina"),
        ("\u00ad\u200b \u200d", ""),
        ("Équipe 👩\u200d💻", "Équipe 👩\u200d💻"),
        ("عربي\u200f", "عربي"),
    ],
)
def test_clean_typed_text(typed, cleaned):
    assert clean_typed_text(typed) == cleaned


def test_typed_text_field_invisible_is_missing():
    field = TypedTextField(max_length=10)

    with pytest.raises(ValidationError) as raised:
        field.clean("\u200b\u200b")

    assert raised.value.code == "required"


@pytest.mark.parametrize(
    "typed",
    ["Première ligne\r\nDeuxième ligne", "Première ligne\rDeuxième ligne"],
    ids=["crlf", "cr"],
)
def test_line_breaks_become_line_feeds(typed):
    """Browsers post a text area's line breaks as CR LF."""
    assert clean_typed_text(typed) == "Première ligne\nDeuxième ligne"
