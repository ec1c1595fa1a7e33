"""The language a person chose: for the site after sign-in and for e-mails."""

import logging
from urllib.parse import urlsplit

from django.http import Http404
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Locale, Site

logger = logging.getLogger(__name__)


def url_in_language(request, url: str, language: str) -> str:
    """Return ``url`` (a path on this site) as shown in ``language``.

    A Wagtail page becomes its live translation, or the home page of that
    language when it has none; another view gets the language's prefix.
    """
    parts = urlsplit(url)
    source_language = translation.get_language_from_path(parts.path) or (
        translation.get_language()
    )
    if source_language == language:
        return url
    with translation.override(source_language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return url
        if match.url_name == "wagtail_serve":
            # Wagtail's pattern captures the page path as a positional group.
            page_path = match.args[0] if match.args else match.kwargs.get("path", "")
            return page_url_in_language(request, page_path, language)
        return translate_url(url, language)


def page_url_in_language(request, page_path: str, language: str) -> str:
    """Return the URL of the page at ``page_path`` in ``language``."""
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=language).first()
    if site is None or locale is None:
        return "/"
    root = site.root_page.localized.specific
    components = [component for component in page_path.split("/") if component]
    with translation.override(language):
        target = root.get_translation_or_none(locale) or root
        try:
            page = root.route(request, components).page if components else root
        except Http404:
            page = None
        if page is not None:
            translated = page.get_translation_or_none(locale)
            if translated is not None and translated.live:
                target = translated
        return target.get_url(request) or "/"
