"""Light formatting of idea descriptions, sanitised with nh3.

People write plain text with a light markup: ``**bold**``, ``*italics*``,
lines starting with "- " or "1. " for lists, and web addresses, which become
links. A few HTML tags (bold, italics, lists, links) are accepted too.
Everything else is removed, attributes included, and links get
``rel="noopener noreferrer nofollow"``.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"b", "strong", "i", "em", "ul", "ol", "li", "p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAG = re.compile(r"<(p|ul|ol)\b", re.IGNORECASE)
# Line ends in the sanitised markup: <br> and the end of a list item.
LINE_BREAK = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
EXTRA_BLANK_LINES = re.compile(r"\n{3,}")

BLANK_LINES = re.compile(r"\n\s*\n")
BULLET_ITEM = re.compile(r"^\s*[-*•]\s+(?P<text>.+)$")
NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s+(?P<text>.+)$")
# Bold first, so that the two asterisks are not read as two italics.
BOLD = re.compile(r"\*\*(?=\S)(?P<text>.+?)(?<=\S)\*\*")
ITALICS = re.compile(r"(?<![*\w])\*(?=[^\s*])(?P<text>[^*]+?)(?<=[^\s*])\*(?![*\w])")
URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address before it.
URL_TRAILING = ".,;:!?)»"
TAG = re.compile(r"(<[^>]*>)")
LINK_TAG = re.compile(r"<(?P<closing>/?)a\b", re.IGNORECASE)


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
    """Return safe HTML for a description written in light markup or HTML."""
    if not text:
        return ""
    if BLOCK_TAG.search(text):
        return sanitize(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [render_block(block) for block in BLANK_LINES.split(text)]
    return sanitize("\n\n".join(block for block in blocks if block))


def render_block(block: str) -> str:
    """Return the HTML of one block of lines: paragraphs and lists, in order."""
    parts = []
    kind, lines = None, []

    def close():
        if not lines:
            return
        if kind == "p":
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        else:
            items = "".join(f"<li>{line}</li>" for line in lines)
            parts.append(f"<{kind}>{items}</{kind}>")
        lines.clear()

    for line in block.split("\n"):
        if not line.strip():
            continue
        bullet, number = BULLET_ITEM.match(line), NUMBERED_ITEM.match(line)
        item = bullet or number
        if bullet:
            line_kind = "ul"
        elif number:
            line_kind = "ol"
        else:
            line_kind = "p"
        if line_kind != kind:
            close()
            kind = line_kind
        lines.append(render_inline(item.group("text") if item else line.strip()))
    close()
    return "\n".join(parts)


def render_inline(line: str) -> str:
    """Return ``line`` with bold, italics and bare web addresses as tags.

    Tags already in the line are kept as they are for nh3 to clean, and
    addresses inside a link are left alone.
    """
    pieces = TAG.split(line)
    inside_link = False
    for index, piece in enumerate(pieces):
        if index % 2:
            link_tag = LINK_TAG.match(piece)
            if link_tag:
                inside_link = not link_tag.group("closing")
            continue
        if not inside_link:
            pieces[index] = URL.sub(link, piece)
    line = "".join(pieces)
    line = BOLD.sub(r"<strong>\g<text></strong>", line)
    return ITALICS.sub(r"<em>\g<text></em>", line)


def link(match: re.Match) -> str:
    """Return an ``<a>`` tag for a bare web address, trailing punctuation
    left outside."""
    address = match.group(0)
    trailing = ""
    while address and address[-1] in URL_TRAILING:
        # A closing parenthesis belongs to the address when it opened one.
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        trailing = address[-1] + trailing
        address = address[:-1]
    return f'<a href="{address}">{address}</a>{trailing}'


def plain_text(markup: str) -> str:
    """Return the text of ``markup`` without any tag, for e-mails and CSV.

    Line breaks and list items become new lines, so "Ligne 1<br>Ligne 2"
    does not run together as "Ligne 1Ligne 2".
    """
    text = LINE_BREAK.sub("\n", markup)
    text = html.unescape(nh3.clean(text, tags=set()))
    return EXTRA_BLANK_LINES.sub("\n\n", text).strip()
