"""Queries of the documentation resources, shared by the site and the kiosk."""

from django.db.models import QuerySet
from wagtail.models import Locale

from .models import ResourcePage, Theme


def get_live_resources(locale: Locale) -> QuerySet[ResourcePage]:
    """Return the live, public resources of ``locale``, newest first."""
    return (
        ResourcePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("image")
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")
    )


def filter_resources(
    resources: QuerySet[ResourcePage],
    *,
    theme: str = "",
    kind: str = "",
    level: str = "",
) -> QuerySet[ResourcePage]:
    """Keep the resources that match every non-empty criterion.

    ``theme`` is a theme slug, which every translation of a theme shares.
    """
    if theme:
        resources = resources.filter(themes__slug=theme).distinct()
    if kind:
        resources = resources.filter(kind=kind)
    if level:
        resources = resources.filter(level=level)
    return resources


def get_featured_resources(locale: Locale, limit: int = 6) -> list[ResourcePage]:
    """Return the featured resources of ``locale`` shown on the kiosk."""
    return list(get_live_resources(locale).filter(featured=True)[:limit])


def get_themes(locale: Locale) -> list[Theme]:
    """Return one entry per theme, in ``locale`` when it is translated.

    Themes missing from ``locale`` appear in the default language rather
    than disappear, so filters keep working while translations are pending.
    """
    by_key = {}
    for theme in Theme.objects.all().select_related("locale"):
        current = by_key.get(theme.translation_key)
        if current is None or theme.locale_id == locale.pk:
            by_key[theme.translation_key] = theme
    return sorted(by_key.values(), key=lambda theme: theme.name.lower())


def get_theme_by_slug(slug: str, locale: Locale) -> Theme | None:
    """Return the theme ``slug`` in ``locale``, or in any language, or None."""
    themes = list(Theme.objects.filter(slug=slug))
    if not themes:
        return None
    return next((theme for theme in themes if theme.locale_id == locale.pk), themes[0])
