"""Template tags for the site frame: menu, language switcher, legal links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from home.models import LegalPage

register = template.Library()


def _active_home(request):
    locale = Locale.get_active()
    return Page.objects.filter(depth=2, locale=locale).live().first()


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    home = _active_home(context.get("request"))
    if home is None:
        return "/"
    return home.localized.url or "/"


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """Return the live pages under the home page marked "show in menus"."""
    request = context.get("request")
    current = context.get("page")
    home = _active_home(request)
    if home is None:
        return []
    items = []
    for page in home.get_children().live().public().in_menu():
        url = page.url
        if not url:
            continue
        active = current is not None and current.path.startswith(page.path)
        items.append({"title": page.title, "url": url, "active": active})
    return items


def _language_urls(context) -> list[dict]:
    """Return, for each language, the URL of this page in that language.

    A Wagtail page links to its live translation, falling back to that
    language's home page; other views swap the language prefix of the path.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            translation = page.get_translation_or_none(
                Locale.objects.filter(language_code=code).first()
            )
            if translation is not None and translation.live:
                url = translation.url
            if not url:
                home = (
                    Page.objects.filter(depth=2, locale__language_code=code)
                    .live()
                    .first()
                )
                url = home.url if home is not None else None
        if not url and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url or "/", "current": code == current}
        )
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    return {"languages": _language_urls(context)}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_language_links(context) -> dict:
    return {"languages": _language_urls(context)}


@register.simple_tag
def legal_links() -> list:
    locale = Locale.get_active()
    return list(
        LegalPage.objects.live().public().filter(locale=locale).order_by("path")
    )
