"""QR codes drawn on the server as inline SVG, so a screen needs no script
or network access to show them."""

import segno
from django.utils.safestring import SafeString, mark_safe

# Modules of 5 px with the standard 4-module quiet zone: about 165 px for a
# short URL, readable by a phone at arm's length from a 1080p screen.
MODULE_PIXELS = 5


def render_qr_svg(url: str) -> SafeString:
    """Return an SVG QR code of ``url``; the caption beside it names the URL."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=MODULE_PIXELS, dark="#000", light="#fff")
    # segno escapes nothing it does not draw, and the URL is only encoded in
    # the path geometry, so the markup is safe. The caption carries the text.
    return mark_safe(
        svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    )  # noqa: S308
