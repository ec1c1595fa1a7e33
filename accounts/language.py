"""The language of the first page after sign-in, and of links in other languages.

The rule for the page after sign-in: a language prefix in the address of the
sign-in page wins, then one in the ``next`` address. French addresses carry no
prefix, and links, bookmarks and sign-in redirects lead there by default. So
they express no choice, and the profile language applies then. Smart Lab
e-mails use the profile language too.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Locale, Site

logger = logging.getLogger(__name__)


def language_after_sign_in(user, next_url: str, sign_in_path: str) -> str:
    """Return the language of the first page shown after ``user`` signs in."""
    for path in (sign_in_path, urlsplit(next_url).path):
        chosen = translation.get_language_from_path(path)
        if chosen:
            return chosen
    if user.language in dict(settings.LANGUAGES):
        return user.language
    return settings.LANGUAGE_CODE


def url_in_language(request, url: str, language: str) -> str:
    """Return ``url`` (a path on this site) as shown in ``language``.

    A Wagtail page becomes its live translation, or the home page of that
    language when it has none; another view gets the language's prefix.
    """
    parts = urlsplit(url)
    # A path without a prefix is French whatever language is active, because
    # the URLs use i18n_patterns with prefix_default_language=False.
    source_language = (
        translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
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
