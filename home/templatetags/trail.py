"""Breadcrumbs: home, the pages above, then the current page.

A Wagtail page's trail comes from its ancestors (``page_trail``). A page
that a view serves outside the page tree, such as "My reservations and
requests", names the page it belongs under (``trail``): a space page
(``parent="store"``) or the programme (``parent="programme"``). Both render
``includes/trail.html``.
"""

import logging

from django import template

from home.sections import find_section_page

from .smartcorner import get_active_home

logger = logging.getLogger(__name__)

register = template.Library()

TEMPLATE = "includes/trail.html"


@register.inclusion_tag(TEMPLATE, takes_context=True)
def page_trail(context) -> dict:
    """Render the trail of the context's Wagtail page from its ancestors.

    The tree's root (depth 1) is left out, and the home page (depth 2) is
    called "Home" in the page's language.
    """
    request = context.get("request")
    page = context["page"]
    steps = [
        {
            "title": None if ancestor.depth == 2 else ancestor.title,
            "url": ancestor.get_url(request),
        }
        for ancestor in page.get_ancestors()
        if ancestor.depth > 1
    ]
    return {"steps": steps, "current": page.title}


@register.inclusion_tag(TEMPLATE, takes_context=True)
def trail(context, current: str, parent: str = "") -> dict:
    """Render the trail home › parent page › ``current`` of a view's page.

    A step whose page does not exist in the active language is left out.
    """
    request = context.get("request")
    steps = []
    home = get_active_home()
    if home is not None and (url := home.get_url(request)):
        steps.append({"title": None, "url": url})
    if parent and home is not None:
        try:
            page = find_section_page(parent, home.locale)
        except ValueError as error:
            raise template.TemplateSyntaxError(f"trail: {error}") from None
        if page is None:
            logger.debug("trail: no %s page in locale %s", parent, home.locale_id)
        elif url := page.get_url(request):
            steps.append({"title": page.title, "url": url})
    return {"steps": steps, "current": current}
