"""QR codes drawn on the server as inline SVG, so a screen needs no script
or network access to show them."""

import segno
from django.utils.safestring import SafeString, mark_safe

# Scale of one module in SVG user units. The SVG carries a viewBox and no
# size (omitsize), so the kiosk's CSS sets its displayed size.
MODULE_UNITS = 5


def render_qr_svg(url: str) -> SafeString:
    """Return an SVG QR code of ``url``; the caption beside it names the URL."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=MODULE_UNITS, dark="#000", light="#fff", omitsize=True)
    # The markup holds only paths: the URL appears as geometry, never as text,
    # so it cannot inject anything.
    hidden_svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return mark_safe(hidden_svg)  # noqa: S308
