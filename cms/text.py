"""Clean-up of text that one person types and other people read.

Two kinds of invisible character do harm there. An explicit bidirectional
override left open reverses whatever the page shows after it on the same
line: next to an author's name "Amina Benali, 5 décembre 2026" reads
"Amina Benali 6202 erbmecéd 5 ,". Zero-width characters alone pass a
required field and show as an empty name or title.
"""

from django import forms

# Explicit bidirectional embeddings, overrides and isolates (U+202A to U+202E,
# U+2066 to U+2069), mapped to None for str.translate. Typed Arabic or Hebrew
# text relies on the implicit direction of its letters, and the direction
# marks U+200E and U+200F stay.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

# Characters that take no width: zero-width space, non-joiner and joiner,
# direction marks, word joiner, byte order mark and soft hyphen. Python's
# str.strip() keeps them.
INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"


def clean_typed_text(text: str) -> str:
    """Remove every bidirectional control, then the spaces and invisible
    characters around the text, and end every line with a line feed.

    Invisible characters inside the text stay: a zero-width joiner builds
    emoji such as 👩‍💻. A browser posts each line break of a text area as
    CR LF, while htmx and the page's own character count see one character,
    so without this a text at the limit passed with JavaScript and failed
    without it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(BIDI_CONTROLS)
    previous = None
    while text != previous:
        previous = text
        text = text.strip().strip(INVISIBLE_CHARACTERS)
    return text


class TypedTextField(forms.CharField):
    """A text field, on one line or several, cleaned by ``clean_typed_text``
    before the required and length checks, so that invisible text counts as
    missing."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_typed_text(value) if value else value
