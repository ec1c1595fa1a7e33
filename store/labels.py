"""Printable QR labels: each encodes a unit's asset tag as typed at the desk.

A hand scanner that reads QR codes types the tag into the desk's scan field,
so the code contains the bare tag rather than a URL.
"""

import segno
from django.utils.safestring import mark_safe


def build_qr_svg(text: str) -> str:
    """Return an inline SVG QR code of ``text`` with a quiet zone."""
    code = segno.make_qr(text, error="m")
    svg = code.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True)
    # segno escapes the encoded text, and the SVG contains no script.
    return mark_safe(svg)  # noqa: S308


def build_label(unit) -> dict:
    return {
        "unit": unit,
        "svg": build_qr_svg(unit.asset_tag),
    }
