"""Light markup of idea descriptions (ideation.formatting)."""

import pytest

from ideation.formatting import plain_text, render_description

REL = ' rel="noopener noreferrer nofollow"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour", "<p>Bonjour</p>"),
        ("Ligne 1\nLigne 2", "<p>Ligne 1<br>Ligne 2</p>"),
        ("Un\n\nDeux", "<p>Un</p>\n\n<p>Deux</p>"),
        ("Un\r\n\r\nDeux", "<p>Un</p>\n\n<p>Deux</p>"),
        ("Très **important**", "<p>Très <strong>important</strong></p>"),
        ("Un *seul* mot", "<p>Un <em>seul</em> mot</p>"),
        ("2*3*4 = 24", "<p>2*3*4 = 24</p>"),
        ("a * b * c", "<p>a * b * c</p>"),
        ("- pain\n- lait", "<ul><li>pain</li><li>lait</li></ul>"),
        ("• pain\n* lait", "<ul><li>pain</li><li>lait</li></ul>"),
        ("1. semer\n2) récolter", "<ol><li>semer</li><li>récolter</li></ol>"),
        (
            "Courses :\n- pain\nFin",
            "<p>Courses :</p>\n<ul><li>pain</li></ul>\n<p>Fin</p>",
        ),
        ("-5 °C le matin", "<p>-5 °C le matin</p>"),
        ("En 2026. Puis", "<p>En 2026. Puis</p>"),
        (
            "Voir https://example.org/page.",
            f'<p>Voir <a href="https://example.org/page"{REL}>'
            "https://example.org/page</a>.</p>",
        ),
        (
            "(https://example.org/a_(b))",
            f'<p>(<a href="https://example.org/a_(b)"{REL}>'
            "https://example.org/a_(b)</a>)</p>",
        ),
        (
            '<a href="https://x.org">https://x.org</a>',
            f'<p><a href="https://x.org"{REL}>https://x.org</a></p>',
        ),
        ("<ul><li>HTML</li></ul>", "<ul><li>HTML</li></ul>"),
        ("", ""),
    ],
)
def test_render_description_cases(text, expected):
    assert render_description(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "**<script>alert(1)</script>**",
        "- <img src=x onerror=alert(1)>",
        'https://example.org/"><script>alert(1)</script>',
        '*<a href="javascript:alert(1)">lien</a>*',
        "1. <svg onload=alert(1)>",
    ],
)
def test_markup_payloads_stay_inert(text):
    html = render_description(text)

    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "onload" not in html


def test_plain_text_of_lists_keeps_lines():
    html = render_description("Courses :\n- pain\n- lait\n\n**Fin**")

    assert plain_text(html) == "Courses :\npain\nlait\n\nFin"
