"""Keys of the programme page's cached fragments.

The programme caches two fragments: its head (related pages, view links and
filter form) and its results (event list, calendar or archive page). Each
key contains everything the fragment shows, or a version that changes with
it:

- the language, the programme page, the view, the valid filters, the month
  and the archive page number;
- ``home.caching.PAGES_VERSION_KEY``, which Wagtail's publish, unpublish,
  move and delete signals increase, so a new, changed, cancelled or
  withdrawn event changes every key;
- ``PROGRAMME_DATA_VERSION_KEY``, increased when a page is saved or deleted,
  because code can create live pages without publishing them. It also moves
  when a site, a quarter or a page view restriction changes. The filters list
  sites and quarters, and a restriction hides events without publishing;
- the end of the next event to finish, because the upcoming list and the
  archive change when an event ends, and today's date, which the calendar
  marks.

The results contain no per-person state, and the head only depends on
whether the viewer is signed in (the "My programme" link). Registrations do
not appear on the programme, so they are not part of any key.
"""

import datetime

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import get_language

from cms.cache_versions import bump_version, get_versions
from home import caching as home_caching

PROGRAMME_DATA_VERSION_KEY = "events:programme-data-version"
# Maximum time a fragment is served, in seconds. The versions above cover the
# changes they name, and this bounds the staleness of any other change.
FRAGMENT_TIMEOUT_SECONDS = 600


def get_next_end(index) -> datetime.datetime | None:
    """Return when the next event of the programme ``index`` ends (one query).

    Drafts and private events count too: they can only make a key change
    earlier than needed, never later.
    """
    from .models import EventPage

    return (
        EventPage.objects.filter(
            path__startswith=index.path,
            locale_id=index.locale_id,
            end__gt=timezone.now(),
        )
        .aggregate(next_end=Min("end"))
        .get("next_end")
    )


def get_programme_fragment_keys(
    index, request, *, view: str, filter_query: str, month: str, page: str
) -> dict:
    """Return the values that key the cached fragments of the programme.

    ``month`` is the calendar's month as ``YYYY-MM`` and ``page`` the
    archive's page number, each empty in the other views. Every key is
    None when the cache fails, and then the fragments render uncached.
    """
    versions = get_versions(home_caching.PAGES_VERSION_KEY, PROGRAMME_DATA_VERSION_KEY)
    if versions is None:
        return {"head": None, "results": None, "timeout": FRAGMENT_TIMEOUT_SECONDS}
    shared = [
        get_language(),
        index.pk,
        view,
        filter_query,
        month,
        versions[home_caching.PAGES_VERSION_KEY],
        versions[PROGRAMME_DATA_VERSION_KEY],
    ]
    viewer_kind = "signed-in" if request.user.is_authenticated else "anonymous"
    next_end = get_next_end(index)
    return {
        "head": ":".join(str(part) for part in [*shared, viewer_kind]),
        "results": ":".join(
            str(part)
            for part in [
                *shared,
                page,
                timezone.localdate().isoformat(),
                next_end.isoformat() if next_end else "none",
            ]
        ),
        "timeout": FRAGMENT_TIMEOUT_SECONDS,
    }


def bump_programme_data_version(sender=None, **kwargs) -> None:
    """Increase the programme's data version (a receiver of model signals)."""
    bump_version(PROGRAMME_DATA_VERSION_KEY)


def connect_signals() -> None:
    """Connect the invalidation of the programme fragments; called by EventsConfig.

    Saving a page also moves the version on: code that creates a live page
    with ``add_child`` sends none of Wagtail's publishing signals.
    """
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, get_page_models

    from .models import Quarter, Venue

    for model in (Venue, Quarter, PageViewRestriction, *get_page_models()):
        name = model._meta.label_lower
        post_save.connect(
            bump_programme_data_version,
            sender=model,
            dispatch_uid=f"programme-cache-saved-{name}",
        )
        post_delete.connect(
            bump_programme_data_version,
            sender=model,
            dispatch_uid=f"programme-cache-deleted-{name}",
        )
