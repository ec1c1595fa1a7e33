"""Labels for dimension values: event kinds, sites, spaces, challenges.

Facts store raw values (a kind code, a site id, a board key); the report
turns them into names in the active language when it is shown.
"""

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
    pages = Page.objects.filter(translation_key__in=[v for v in values if v])
    titles: dict[str, str] = {}
    for page in pages.select_related("locale"):
        key = str(page.translation_key)
        localized = page.localized
        titles[key] = localized.title if localized else page.title
    return titles


# Dimension name -> function(values) -> {value: label}. Sources of other
# areas add their resolvers here.
RESOLVERS = {"challenge": label_for_challenge}


def value_labels(dimension: str, values: list[str]) -> dict[str, str]:
    resolver = RESOLVERS.get(dimension)
    labels = resolver(values) if resolver else {}
    return {
        value: str(labels.get(value) or (value if value else NOT_SPECIFIED))
        for value in values
    }


def filter_choices(dimension: str) -> list[tuple[str, str]] | None:
    """Return the values a filter on ``dimension`` may take, for the form.

    None means the dimension cannot be filtered on.
    """
    chooser = CHOICES.get(dimension)
    return list(chooser()) if chooser else None


def challenge_choices():
    from ideation.models import IdeaBoardPage

    boards = IdeaBoardPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return [(str(board.translation_key), board.title) for board in boards]


# Dimension name -> function() -> [(value, label)] offered as filters.
CHOICES: dict = {"challenge": challenge_choices}
