"""iCalendar views: one event, public feeds, and a person's private feed.

Public feeds list the live, public events of the URL's language from
``FEED_PAST_DAYS`` ago onwards. The private feed is reached by a secret
token, because calendar clients cannot sign in; resetting it on "My
programme" disables the old address.
"""

import datetime
import logging

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .ical import CONTENT_TYPE, build_calendar
from .models import (
    CalendarFeedToken,
    EventKind,
    EventPage,
    Registration,
    RegistrationStatus,
    Venue,
)

logger = logging.getLogger(__name__)

FEED_PAST_DAYS = 90


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def get_base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def event_ics(request, page_id: int):
    """Return one event as an .ics file."""
    page = EventPage.objects.live().public().filter(pk=page_id).first()
    if page is None or page.start is None or page.end is None:
        raise Http404(_("This event does not exist or has no date yet."))
    body = build_calendar(
        [page.specific], name=page.title, base_url=get_base_url(request)
    )
    return calendar_response(body, f"{page.slug}.ics")


def public_feed(request, kind: str | None = None, venue_id: int | None = None):
    """Return the feed of all events, of one kind, or at one site."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = EventPage.objects.live().public().filter(end__gte=since)
    try:
        events = events.filter(locale=Locale.get_active())
    except Locale.DoesNotExist:
        pass
    name = _("Smart Corner programme")
    if kind is not None:
        if kind not in EventKind.values:
            raise Http404(_("Unknown kind of event: %(kind)s.") % {"kind": kind})
        events = [event for event in events.specific() if event.kind == kind]
        name = f"{name} – {EventKind(kind).label}"
    elif venue_id is not None:
        venue = get_object_or_404(Venue, pk=venue_id)
        events = events.filter(venue=venue)
        name = f"{name} – {venue.name}"
    if not isinstance(events, list):
        events = list(events.select_related("venue").order_by("start", "pk").specific())
    body = build_calendar(events, name=name, base_url=get_base_url(request))
    return calendar_response(body, "programme.ics")


def private_feed(request, token: str):
    """Return the events where a person holds a seat, and their cancellations."""
    feed = CalendarFeedToken.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("This calendar address is unknown or was reset."))
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    registrations = Registration.objects.filter(
        user=feed.user, event__end__gte=since
    ).select_related("event")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    events, cancelled = [], set()
    for registration in registrations:
        # Only seats go into the calendar, plus cancellations so that
        # clients remove the copy they already have.
        if registration.status in (
            RegistrationStatus.PENDING,
            RegistrationStatus.WAITING,
        ):
            continue
        event = registration.event
        if locale is not None:
            event = event.get_translation_or_none(locale) or event
        events.append(event.specific)
        if registration.status == RegistrationStatus.CANCELLED:
            cancelled.add(event.translation_key)
    body = build_calendar(
        events,
        name=_("My Smart Corner programme"),
        base_url=get_base_url(request),
        cancelled_keys=frozenset(cancelled),
    )
    logger.info("private feed read for user %s", feed.user_id)
    return calendar_response(body, "mon-programme.ics")
