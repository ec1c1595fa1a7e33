"""Template tags for the site frame and event pages.

Menu, language switcher, legal links, French and English event dates, and
schema.org JSON-LD. Links to pages of the active language go through
``Page.localized`` or the active locale's home page, because a translated
page's ``url`` can be ``None`` when its parent is not translated.
"""

import datetime
import json
import re
from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.urls import translate_url
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import (
    get_language,
    gettext,
    pgettext,
    pgettext_lazy,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from home.models import LegalPage, SiteSettings
from home.sections import find_section_page, section_of_request

register = template.Library()

# Characters that would let JSON close its <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

SCHEMA_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def get_active_home(locale: Locale | None = None) -> Page | None:
    """Return the live root page (depth 2) of the active or given locale."""
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return None
    return Page.objects.filter(depth=2, locale=locale).live().first()


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    home = get_active_home()
    if home is None:
        return "/"
    return home.get_url(context.get("request")) or "/"


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """Return the live pages under the home page marked "show in menus".

    Each item's ``current`` is the value of its link's ``aria-current``:
    "page" on the page itself, "true" on a page below it or on a view of its
    section (``home.sections``), else "".
    """
    request = context.get("request")
    current = context.get("page")
    home = get_active_home()
    if home is None:
        return []
    if isinstance(current, Page):
        current_path = current.path
    else:
        section = section_of_request(request)
        section_page = find_section_page(section, home.locale) if section else None
        current_path = section_page.path if section_page is not None else None
    items = []
    for page in home.get_children().live().public().in_menu():
        url = page.get_url(request)
        if not url:
            continue
        state = ""
        if isinstance(current, Page) and current.pk == page.pk:
            state = "page"
        elif current_path is not None and current_path.startswith(page.path):
            state = "true"
        items.append({"title": page.title, "url": url, "current": state})
    return items


def _page_url_in(page: Page, locale: Locale | None, request) -> str | None:
    """Return the URL of the live translation of ``page`` in ``locale``.

    The URL keeps the sub-route of a routable page (the programme's calendar,
    for example) and the query string, as long as the translation serves that
    sub-route. It falls back to that locale's home page when the page has no
    live translation, so that the switcher never leads to a 404.
    """
    if locale is None:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        url = translation.get_url(request)
        if url:
            return url + _same_view_suffix(page, translation.specific, request)
    home = get_active_home(locale)
    return home.get_url(request) if home is not None else None


def _same_view_suffix(page: Page, translation: Page, request) -> str:
    """Return the sub-route and query string of the request, for ``translation``.

    Returns an empty string when ``translation`` has no such sub-route. Empty
    query parameters are left out, as the programme's own redirects do. A page
    may define ``translate_query(params)`` to map values that differ between
    languages, such as the id of a translated category.
    """
    if request is None:
        return ""
    page_path = urlsplit(page.get_url(request) or "").path
    if not page_path or not request.path.startswith(page_path):
        # Another view shows this page in its context, so its query string
        # belongs to that view and not to the page.
        return ""
    sub_route = request.path[len(page_path) :]
    if sub_route:
        if not isinstance(translation, RoutablePageMixin):
            return ""
        try:
            translation.resolve_subpage("/" + sub_route)
        except Http404:
            return ""
    params = request.GET
    translate_query = getattr(translation, "translate_query", None)
    if translate_query is not None:
        params = translate_query(params)
    pairs = [
        (name, value)
        for name, values in params.lists()
        for value in values
        if value != ""
    ]
    query = urlencode(pairs)
    return sub_route + (f"?{query}" if query else "")


def _language_urls(context) -> list[dict]:
    """Return, for each language, the URL of the current page in that language.

    A Wagtail page links to its live translation; other views (search,
    sitemap, sign-in) swap the language prefix of the path.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            url = _page_url_in(page, locales.get(code), request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url or "/", "current": code == current}
        )
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, swap_out_of_band: bool = False) -> dict:
    """Render the language switcher of the header.

    Results that htmx swaps in after a filter change pass
    ``swap_out_of_band=True``, so that the header's links keep the new filters.
    """
    return {
        "languages": _language_urls(context),
        "swap_out_of_band": swap_out_of_band,
    }


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_language_links(context) -> dict:
    return {"languages": _language_urls(context)}


@register.simple_tag
def legal_links() -> list:
    """Return the live legal pages of the active locale, in tree order."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return []
    return list(
        LegalPage.objects.live().public().filter(locale=locale).order_by("path")
    )


@register.simple_tag(takes_context=True)
def accessibility_status(context) -> str:
    """Return the declared accessibility compliance, for the footer mention."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        site_settings = SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        # No Wagtail site matches the request (an empty database).
        return ""
    return site_settings.get_accessibility_status_display()


# Abbreviated month and weekday names. Django 5.2's French locale writes
# "Déc" for ``M``, "déc" for ``b`` and "mer" for ``D``. French writes a cut
# name in lower case with a full stop ("déc.", "janv.", "mer.") and keeps a
# short name whole ("mars", "mai", "juin", "août"). The French catalogue
# gives these names.
MONTH_ABBREVIATIONS = {
    1: pgettext_lazy("abbreviated month", "Jan."),
    2: pgettext_lazy("abbreviated month", "Feb."),
    3: pgettext_lazy("abbreviated month", "March"),
    4: pgettext_lazy("abbreviated month", "April"),
    5: pgettext_lazy("abbreviated month", "May"),
    6: pgettext_lazy("abbreviated month", "June"),
    7: pgettext_lazy("abbreviated month", "July"),
    8: pgettext_lazy("abbreviated month", "Aug."),
    9: pgettext_lazy("abbreviated month", "Sept."),
    10: pgettext_lazy("abbreviated month", "Oct."),
    11: pgettext_lazy("abbreviated month", "Nov."),
    12: pgettext_lazy("abbreviated month", "Dec."),
}
# Indexed by ``date.weekday()``: Monday is 0.
WEEKDAY_ABBREVIATIONS = [
    pgettext_lazy("abbreviated weekday", "Mon"),
    pgettext_lazy("abbreviated weekday", "Tue"),
    pgettext_lazy("abbreviated weekday", "Wed"),
    pgettext_lazy("abbreviated weekday", "Thu"),
    pgettext_lazy("abbreviated weekday", "Fri"),
    pgettext_lazy("abbreviated weekday", "Sat"),
    pgettext_lazy("abbreviated weekday", "Sun"),
]
# Format characters not preceded by the backslash that makes them literal.
MONTH_ABBREVIATION_CHARACTERS = re.compile(r"(?<!\\)[Mb]")
WEEKDAY_ABBREVIATION_CHARACTER = re.compile(r"(?<!\\)D")


def escape_format(text: str) -> str:
    """Escape every character of ``text`` for Django's "date" format strings."""
    return "".join(f"\\{character}" for character in text)


def format_day(value, date_format: str) -> str:
    """Format ``value`` with a "date" filter format, as French writes dates.

    French writes the first day of a month as an ordinal ("1er mars") and the
    other days as cardinals ("2 mars"). Django's ``j`` gives the cardinal only.
    ``M`` and ``b`` give the month as ``MONTH_ABBREVIATIONS`` writes it, and
    ``D`` the weekday as ``WEEKDAY_ABBREVIATIONS`` does, in every language.
    """
    if value.day == 1 and (get_language() or "").startswith("fr"):
        date_format = re.sub(r"(?<!\\)j", r"j\\e\\r", date_format)
    month = escape_format(str(MONTH_ABBREVIATIONS[value.month]))
    date_format = MONTH_ABBREVIATION_CHARACTERS.sub(lambda _match: month, date_format)
    weekday = escape_format(str(WEEKDAY_ABBREVIATIONS[value.weekday()]))
    date_format = WEEKDAY_ABBREVIATION_CHARACTER.sub(
        lambda _match: weekday, date_format
    )
    return dateformat.format(value, date_format)


# Breakable white space only: the no-break spaces that French puts before
# « : ; ! ? » keep the sign with its word.
BREAKABLE_WORD = re.compile(r"[^ \t\r\n]+")


@register.filter
def truncate_words(value, count) -> str:
    """Cut ``value`` after ``count`` words and add "…", keeping its spaces.

    Django's ``truncatewords`` joins the kept words with plain spaces, which
    turns French no-break spaces into breakable ones (a line could then start
    with « : » or « ? »).
    """
    text = "" if value is None else str(value)
    words = list(BREAKABLE_WORD.finditer(text))
    if len(words) <= int(count):
        return text
    return text[: words[int(count) - 1].end()] + "…"


# Punctuation after which one_line adds no comma.
SENTENCE_ENDS = ".!?:;…,"


@register.filter
def one_line(value) -> str:
    """Join the non-blank lines of ``value`` with commas, for a line of plain
    text. A line that ends with punctuation (a colon before a list, a full
    stop) is followed by a space only."""
    lines = [line.strip() for line in str(value or "").splitlines()]
    joined = ""
    for line in filter(None, lines):
        if joined:
            joined += " " if joined[-1] in SENTENCE_ENDS else ", "
        joined += line
    return joined


@register.filter
def day_date(value, date_format: str = "DATE_FORMAT") -> str:
    """Format a date like Django's "date" filter, with "1er" in French."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_day(value, get_format(date_format))


def _format_date(value) -> str:
    # Translators: PHP-style date format of Django's "date" filter.
    return format_day(value, pgettext("long date", "l j F Y"))


def _format_time(value) -> str:
    # Translators: PHP-style time format of Django's "date" filter.
    return dateformat.format(value, pgettext("time of day", "g:i a"))


def format_time_left(seconds: float) -> str:
    """Format a duration as static/js/countdown.js does: "13 j 23 h 54 min".

    Seconds appear only below one day, and alone below one minute. A narrow
    no-break space (U+202F) joins each number to its unit.
    """
    total = max(0, round(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    # Translators: the unit of days in a countdown, "13 d 23 h 54 min".
    day_unit = pgettext("countdown unit", "d")
    if days:
        parts = [(days, day_unit), (hours, "h"), (minutes, "min")]
    elif hours:
        parts = [(hours, "h"), (f"{minutes:02d}", "min"), (f"{seconds:02d}", "s")]
    elif minutes:
        parts = [(minutes, "min"), (f"{seconds:02d}", "s")]
    else:
        parts = [(seconds, "s")]
    return " ".join(f"{number}\u202f{unit}" for number, unit in parts)


@register.filter
def time_left(moment) -> str:
    """Return the time from now until ``moment``, for a countdown's first paint."""
    if moment is None:
        return ""
    return format_time_left((moment - timezone.now()).total_seconds())


@register.filter
def event_when(event) -> str:
    """Format an event's start and end in the active language and time zone.

    The same day gives "date, start to end"; several days give both dates.
    """
    if event.start is None:
        return ""
    start = timezone.localtime(event.start)
    if event.end is None:
        return gettext("%(date)s, %(start)s") % {
            "date": _format_date(start),
            "start": _format_time(start),
        }
    end = timezone.localtime(event.end)
    if start.date() == end.date():
        return gettext("%(date)s, %(start)s to %(end)s") % {
            "date": _format_date(start),
            "start": _format_time(start),
            "end": _format_time(end),
        }
    return gettext("From %(start)s to %(end)s") % {
        "start": f"{_format_date(start)}, {_format_time(start)}",
        "end": f"{_format_date(end)}, {_format_time(end)}",
    }


@register.filter
def event_hours(event) -> str:
    """Format the hours of a one-day event, for lists under a heading that
    gives the day.

    An event over several days, or without an end, gets ``event_when``.
    """
    if event.start is None or event.end is None:
        return event_when(event)
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    if start.date() != end.date():
        return event_when(event)
    return gettext("%(start)s to %(end)s") % {
        "start": _format_time(start),
        "end": _format_time(end),
    }


@register.simple_tag(takes_context=True)
def event_json_ld(context, event) -> str:
    """Render the schema.org ``Event`` description of ``event`` as JSON-LD.

    Browsers never execute ``application/ld+json``, so the script element
    fits a Content-Security-Policy without inline scripts.
    """
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": event.get_full_url(request),
        "inLanguage": event.locale.language_code,
        "eventStatus": SCHEMA_EVENT_STATUS.get(event.status),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if event.start:
        data["startDate"] = timezone.localtime(event.start).isoformat()
    if event.end:
        data["endDate"] = timezone.localtime(event.end).isoformat()
    if event.venue_id:
        data["location"] = {
            "@type": "Place",
            "name": event.venue.name,
            "address": event.venue.address,
        }
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308
    )
