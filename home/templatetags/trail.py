"""Breadcrumbs for the pages that views serve outside Wagtail's page tree.

Wagtail pages get theirs from their ancestors (``includes/breadcrumbs.html``).
A view's page, such as "My reservations and requests", names the page it
belongs under: a space page (``parent="store"``) or the programme
(``parent="programme"``).
"""

import logging

from django import template
from wagtail.models import Locale, Page

from home.models import Space, SpacePage

from .smartcorner import get_active_home

logger = logging.getLogger(__name__)

register = template.Library()

PROGRAMME = "programme"


def find_parent_page(parent: str, locale: Locale) -> Page | None:
    """Return the live, public page that ``parent`` names in ``locale``."""
    if parent == PROGRAMME:
        from events.models import EventIndexPage

        pages = EventIndexPage.objects.all()
    elif parent in Space.values:
        pages = SpacePage.objects.filter(space=parent)
    else:
        raise template.TemplateSyntaxError(
            f"trail: unknown parent {parent!r}; expected {PROGRAMME!r} or "
            f"one of {', '.join(Space.values)}"
        )
    return pages.live().public().filter(locale=locale).order_by("path").first()


@register.inclusion_tag("includes/trail.html", takes_context=True)
def trail(context, current: str, parent: str = "") -> dict:
    """Render the breadcrumbs home › parent page › ``current``.

    A step whose page does not exist in the active language is left out.
    """
    request = context.get("request")
    steps = []
    home = get_active_home()
    if home is not None and (url := home.get_url(request)):
        steps.append({"title": None, "url": url})
    if parent and home is not None:
        page = find_parent_page(parent, home.locale)
        if page is None:
            logger.debug("trail: no %s page in locale %s", parent, home.locale_id)
        elif url := page.get_url(request):
            steps.append({"title": page.title, "url": url})
    return {"steps": steps, "current": current}
