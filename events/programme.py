"""The programme page: upcoming list, month calendar and archive, with filters.

Filters travel in the query string (``kind``, ``site``, ``audience``,
``space``, ``quarter``, and ``month`` for the calendar), so every filtered
view has a URL that can be shared. htmx requests get only the results
partial and push the URL into the history. The response varies on
``HX-Request``, so that caches and the back button never show a bare
fragment.

The filter form sends every field, empty ones too. A page load with an empty
parameter is redirected to the URL without it, and an htmx response names
that URL in ``HX-Push-Url``, so the address bar and shared links carry only
the fields that have a value.
"""

import calendar
import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import push_url

from cms.query import parse_id
from home.models import Space

from .caching import get_programme_fragment_keys
from .models import Audience, EventKind, EventPage, Quarter, Venue

logger = logging.getLogger(__name__)

TEMPLATE = "events/event_index_page.html"
ARCHIVE_PAGE_SIZE = 20
FILTER_NAMES = ("kind", "site", "audience", "space", "quarter")


def get_kind_models() -> dict[str, list]:
    """Map each event kind to the page models that have it."""
    kinds: dict[str, list] = {}
    for model in all_subclasses(EventPage):
        kind = getattr(model, "event_kind", None)
        if kind:
            kinds.setdefault(str(kind), []).append(model)
    return kinds


def all_subclasses(model) -> list:
    found = []
    for subclass in model.__subclasses__():
        found.append(subclass)
        found.extend(all_subclasses(subclass))
    return found


def parse_filters(params) -> tuple[dict, list[str]]:
    """Return the valid filters of a query string and a message per invalid one."""
    filters, errors = {}, []
    choices = {
        "kind": set(EventKind.values),
        "audience": set(Audience.values),
        "space": set(Space.values),
    }
    for name in FILTER_NAMES:
        value = params.get(name, "").strip()
        if not value:
            continue
        if name in choices:
            valid = value in choices[name]
        elif name == "site":
            pk = parse_id(value)
            valid = pk is not None and Venue.objects.filter(pk=pk).exists()
        else:
            pk = parse_id(value)
            valid = pk is not None and Quarter.objects.filter(pk=pk).exists()
        if valid:
            filters[name] = value
        else:
            errors.append(
                _("The filter “%(name)s” has an unknown value and was ignored.")
                % {"name": name}
            )
    return filters, errors


def apply_filters(events, filters: dict):
    if "kind" in filters:
        models = get_kind_models().get(filters["kind"], [])
        types = ContentType.objects.get_for_models(*models).values()
        events = events.filter(content_type__in=list(types))
    if "site" in filters:
        events = events.filter(venue_id=filters["site"])
    if "audience" in filters:
        events = events.filter(audience=filters["audience"])
    if "space" in filters:
        events = events.filter(space=filters["space"])
    if "quarter" in filters:
        events = events.filter(quarter_id=filters["quarter"])
    return events


def parse_month(value: str) -> tuple[datetime.date, bool]:
    """Return the first day of the month ``YYYY-MM`` and whether it was valid."""
    today = timezone.localdate()
    if not value:
        return today.replace(day=1), True
    try:
        year, month = (int(part) for part in value.split("-", 1))
        first_day = datetime.date(year, month, 1)
    except ValueError:
        return today.replace(day=1), False
    # The calendar links to the previous and the next month, and datetime.date
    # has no month before January of year 1 or after December 9999.
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        return today.replace(day=1), False
    return first_day, True


# Indexed by date.weekday(), Monday first. The same words head the calendar's
# columns, which the narrow layout hides.
WEEKDAY_ABBREVIATIONS = [
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
]


def build_month(first_day: datetime.date, events) -> list[list[dict]]:
    """Return the weeks of a month, Monday first, with each day's events."""
    by_day: dict[datetime.date, list] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
        first_day.year, first_day.month
    ):
        weeks.append(
            [
                {
                    "date": day,
                    "weekday": WEEKDAY_ABBREVIATIONS[day.weekday()],
                    "in_month": day.month == first_day.month,
                    "today": day == timezone.localdate(),
                    "events": by_day.get(day, []),
                }
                for day in week
            ]
        )
    return weeks


def shift_month(first_day: datetime.date, months: int) -> datetime.date:
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def get_filter_options(index) -> dict:
    return {
        "kinds": EventKind.choices,
        "sites": Venue.objects.filter(events__isnull=False).distinct(),
        "audiences": Audience.choices,
        "spaces": Space.choices,
        "quarters": Quarter.objects.filter(events__isnull=False).distinct(),
    }


def get_related_pages(index):
    """Return the Smart Tour, quarter and course pages below the programme."""
    from .models import CoursePage, QuarterPage, SmartTourPage

    return [
        page.specific
        for page in index.get_children()
        .live()
        .public()
        .type(SmartTourPage, QuarterPage, CoursePage)
        .order_by("path")
    ]


def get_calendar_context(events, first_day: datetime.date) -> dict:
    """Return the month grid of the month starting on ``first_day``.

    The grid is built on first use, so that a cached page runs no query.
    """
    next_first = shift_month(first_day, 1)
    in_month = events.filter(
        start__date__gte=first_day, start__date__lt=next_first
    ).order_by("start", "pk")
    return {
        "month": first_day,
        "weeks": SimpleLazyObject(lambda: build_month(first_day, in_month)),
        "events": in_month,
        "previous_month": shift_month(first_day, -1).strftime("%Y-%m"),
        "next_month": next_first.strftime("%Y-%m"),
    }


def get_archive_context(events, page_number: str) -> dict:
    """Return one page of past events, counted and fetched on first use."""
    past = events.filter(end__lte=timezone.now()).order_by("-start", "-pk")
    page_obj = SimpleLazyObject(
        lambda: Paginator(past, ARCHIVE_PAGE_SIZE).get_page(page_number)
    )
    return {
        "page_obj": page_obj,
        "events": SimpleLazyObject(lambda: page_obj.object_list),
    }


def normalize_page_number(value: str) -> str:
    """Return the archive page number as the paginator reads it, for cache keys."""
    # isdecimal(), not isdigit(): int() rejects "²", for which isdigit() is true.
    return str(int(value)) if value.isdecimal() else "1"


def get_url_without_empty_parameters(request) -> str | None:
    """Return the request's URL without its blank query parameters, or None
    when it has none.

    A value of only spaces counts as blank, as ``parse_filters`` ignores it.
    The other parameters keep their order.
    """
    filled = [
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if value.strip()
    ]
    if len(filled) == sum(len(values) for _name, values in request.GET.lists()):
        return None
    return request.path + (f"?{urlencode(filled)}" if filled else "")


def serve_programme(index, request, *, view: str):
    """Render the list, the calendar or the archive of the programme ``index``.

    Querysets and lazy objects fill the context, so that the fragments that
    ``events.caching`` keys cost no query when they are cached.
    """
    clean_url = get_url_without_empty_parameters(request)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    if clean_url is not None and not partial:
        return HttpResponseRedirect(clean_url)
    filters, errors = parse_filters(request.GET)
    events = (
        EventPage.objects.live()
        .public()
        .descendant_of(index)
        .filter(locale_id=index.locale_id, start__isnull=False)
        .select_related("venue")
    )
    events = apply_filters(events, filters)
    base_url = index.get_url(request) or "/"
    view_urls = {
        "upcoming": base_url,
        "calendar": base_url + index.reverse_subpage("calendar_view"),
        "archive": base_url + index.reverse_subpage("archive_view"),
    }
    month, page_number = "", ""
    if view == "calendar":
        first_day, valid = parse_month(request.GET.get("month", ""))
        if not valid:
            errors.append(_("The month must look like 2026-03; showing this month."))
        month = first_day.strftime("%Y-%m")
    elif view == "archive":
        page_number = normalize_page_number(request.GET.get("page", ""))
    filter_query = urlencode(filters)
    fragment_keys = get_programme_fragment_keys(
        index,
        request,
        view=view,
        filter_query=filter_query,
        month=month,
        page=page_number,
    )
    if errors:
        # The messages are shown in the results, which are then not cached.
        fragment_keys["results"] = None
    context = index.get_context(request)
    context.update(
        {
            "related_pages": SimpleLazyObject(lambda: get_related_pages(index)),
            "view": view,
            "filters": filters,
            "filter_errors": errors,
            "filter_query": filter_query,
            "view_urls": view_urls,
            "current_url": view_urls[view],
            "fragment_keys": fragment_keys,
            **get_filter_options(index),
        }
    )
    if view == "upcoming":
        context["events"] = events.filter(end__gt=timezone.now()).order_by(
            "start", "pk"
        )
    elif view == "archive":
        context.update(get_archive_context(events, page_number))
    else:
        context.update(get_calendar_context(events, first_day))

    template = f"{TEMPLATE}#results" if partial else TEMPLATE
    response = TemplateResponse(
        request, template, context, status=400 if errors else 200
    )
    patch_vary_headers(response, ["HX-Request"])
    if clean_url is not None:
        # htmx pushes this URL instead of the request URL of hx-push-url="true".
        push_url(response, clean_url)
    return response
