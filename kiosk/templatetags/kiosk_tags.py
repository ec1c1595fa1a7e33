"""Template tags of the kiosk: links inside the kiosk, and QR codes."""

from django import template
from django.urls import reverse

from kiosk import services
from kiosk.qr import render_qr_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def kiosk_url(context, name: str, *args) -> str:
    """Return the URL of a kiosk view in the current screen and language."""
    return context["kiosk"].url(name, *args)


@register.inclusion_tag("kiosk/includes/qr.html", takes_context=True)
def kiosk_qr(context, target_url: str, label: str) -> dict:
    """Show ``target_url`` as a QR code of its short link, with the short URL.

    ``target_url`` may be a path of this site; it becomes absolute first.
    """
    request = context["request"]
    absolute_target = request.build_absolute_uri(target_url)
    link = services.get_or_create_short_link(absolute_target, label)
    short_url = request.build_absolute_uri(
        reverse("kiosk:short_link", args=[link.code])
    )
    return {"svg": render_qr_svg(short_url), "short_url": short_url, "label": label}
