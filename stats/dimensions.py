"""Labels for dimension values: event kinds, sites, spaces, challenges.

Facts store raw values (a kind code, a site id, a board key); the report
turns them into names in the active language when it is shown.
"""

import uuid

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

NOT_SPECIFIED = _("Not specified")

DIMENSION_LABELS = {
    "kind": _("Kind of event"),
    "site": _("Site"),
    "audience": _("Audience"),
    "space": _("Space"),
    "challenge": _("Board or challenge"),
    "screen": _("Kiosk screen"),
    "help_kind": _("Kind of request"),
    "tour": _("Smart Tour"),
}


def label_for_challenge(values: list[str]) -> dict[str, str]:
    """Map board keys to the board's title in the active locale when possible."""
    keys = []
    for value in values:
        try:
            keys.append(uuid.UUID(value))
        except ValueError:
            continue
    pages = Page.objects.filter(translation_key__in=keys)
    titles: dict[str, str] = {}
    for page in pages.select_related("locale"):
        key = str(page.translation_key)
        localized = page.localized
        titles[key] = localized.title if localized else page.title
    return titles


def choices_of(text_choices):
    """Return a resolver and a chooser for a TextChoices class."""

    def resolve(values):
        return {
            value: str(text_choices(value).label)
            for value in values
            if value in text_choices.values
        }

    def choose():
        return [(value, str(label)) for value, label in text_choices.choices]

    return resolve, choose


def label_for_site(values: list[str]) -> dict[str, str]:
    from events.models import Venue

    ids = [int(value) for value in values if value.isdigit()]
    return {
        str(pk): name
        for pk, name in Venue.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def site_choices():
    from events.models import Venue

    return [
        (str(pk), name)
        for pk, name in Venue.objects.order_by("name").values_list("pk", "name")
    ]


def label_for_screen(values: list[str]) -> dict[str, str]:
    from kiosk.models import Screen

    ids = [int(value) for value in values if value.isdigit()]
    return {
        str(pk): name
        for pk, name in Screen.objects.filter(pk__in=ids).values_list("pk", "name")
    }


TOUR_LABELS = {"main": _("Main site"), "tour": _("Smart Tour (remote sites)")}


def label_for_tour(values):
    return {value: str(TOUR_LABELS[value]) for value in values if value in TOUR_LABELS}


def tour_choices():
    return [(value, str(label)) for value, label in TOUR_LABELS.items()]


def build_registry():
    from events.models.pages import EventKind
    from events.models.registrations import AttendeeAudience
    from home.models import Space
    from store.models.help import HelpKind

    resolvers = {
        "challenge": label_for_challenge,
        "site": label_for_site,
        "screen": label_for_screen,
        "tour": label_for_tour,
    }
    choosers = {
        "challenge": challenge_choices,
        "site": site_choices,
        "tour": tour_choices,
    }
    for name, text_choices in (
        ("kind", EventKind),
        ("audience", AttendeeAudience),
        ("space", Space),
        ("help_kind", HelpKind),
    ):
        resolvers[name], choosers[name] = choices_of(text_choices)
    return resolvers, choosers


def value_labels(dimension: str, values: list[str]) -> dict[str, str]:
    """Map each raw value of ``dimension`` to a label in the active language."""
    resolver = build_registry()[0].get(dimension)
    labels = resolver(values) if resolver else {}
    return {
        value: str(labels.get(value) or (value if value else NOT_SPECIFIED))
        for value in values
    }


def filter_choices(dimension: str) -> list[tuple[str, str]] | None:
    """Return the values a filter on ``dimension`` may take, for the form.

    None means the dimension cannot be filtered on.
    """
    chooser = build_registry()[1].get(dimension)
    return list(chooser()) if chooser else None


def challenge_choices():
    from ideation.models import IdeaBoardPage

    boards = IdeaBoardPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return [(str(board.translation_key), board.title) for board in boards]
