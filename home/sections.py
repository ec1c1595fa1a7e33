"""Sections of the site that pages served by views belong to.

A view such as "My reservations and requests" is not a page of the Wagtail
tree, but it belongs under one: a space page or the programme. Its
breadcrumbs lead through that page, and the main menu marks the entry that
contains it.
"""

from wagtail.models import Locale, Page

from .models import Space, SpacePage

PROGRAMME = "programme"

# The section of each URL namespace whose views belong under a page.
NAMESPACE_SECTIONS = {
    "store": Space.STORE.value,
    "events": PROGRAMME,
    "ideation": Space.LAB.value,
}


def find_section_page(section: str, locale: Locale) -> Page | None:
    """Return the live, public page of ``section`` in ``locale``.

    Raises ValueError for a section that is neither the programme nor a space.
    """
    if section == PROGRAMME:
        from events.models import EventIndexPage

        return EventIndexPage.find_in_locale(locale.pk)
    if section not in Space.values:
        raise ValueError(
            f"invalid section {section!r}: use {PROGRAMME!r} or "
            f"one of {', '.join(Space.values)}"
        )
    pages = SpacePage.objects.live().public().filter(space=section, locale=locale)
    return pages.order_by("path").first()


def section_of_request(request) -> str:
    """Return the section of the view that serves ``request``, or ""."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return NAMESPACE_SECTIONS.get(match.namespace, "")
