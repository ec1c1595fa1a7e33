"""Light formatting of idea descriptions, sanitised with nh3.

People may use a few HTML tags (bold, italics, lists, links); everything else
is removed, attributes included, and links get ``rel="noopener noreferrer
nofollow"``. Line breaks of plain text become paragraphs and ``<br>``.
"""

import html
import re

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {"b", "strong", "i", "em", "ul", "ol", "li", "p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAG = re.compile(r"<(p|ul|ol)\b", re.IGNORECASE)
# Line ends in the sanitised markup: <br> and the end of a list item.
LINE_BREAK = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


def sanitize(text: str) -> str:
    """Return ``text`` with only the allowed tags and attributes left."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_description(text: str) -> str:
    """Return safe HTML for a description written in plain text or light HTML."""
    if not text:
        return ""
    if BLOCK_TAG.search(text):
        return sanitize(text)
    # Plain text with perhaps inline tags: keep its line breaks as paragraphs.
    # linebreaks() escapes nothing here, and nh3 cleans the result.
    return sanitize(linebreaks(text, autoescape=False))


def plain_text(markup: str) -> str:
    """Return the text of ``markup`` without any tag, for e-mails and CSV.

    Line breaks and list items become new lines, so "Ligne 1<br>Ligne 2"
    does not run together as "Ligne 1Ligne 2".
    """
    text = LINE_BREAK.sub("\n", markup)
    text = html.unescape(nh3.clean(text, tags=set()))
    return EXTRA_BLANK_LINES.sub("\n\n", text).strip()
