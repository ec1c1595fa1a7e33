"""Queries behind the kiosk pages: highlights, events of the day and the week.

Every query returns live, public pages of one locale. Ideas come from the
open challenge when there is one, otherwise from the general board.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page

from resources import services as resource_services
from resources.models import ResourcePage

logger = logging.getLogger(__name__)

MAX_HIGHLIGHTS_PER_KIND = 3
WEEK_DAYS = 7
# Links in rich text, as Wagtail renders them: <a href="…">text</a>.
LINK_PATTERN = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


def get_locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def get_upcoming_events(locale: Locale, limit: int):
    from events.models import EventPage

    return list(
        EventPage.objects.live()
        .public()
        .filter(locale=locale, end__gt=timezone.now())
        .select_related("venue")
        .order_by("start", "pk")[:limit]
    )


def local_day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Return the aware start and end of ``day`` in the current time zone.

    Built from local midnights, so days when the clock changes last 23 or
    25 hours.
    """
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def get_events_between(locale: Locale, start, end) -> list:
    """Return the live events of ``locale`` that overlap ``[start, end)``."""
    from events.models import EventPage

    return list(
        EventPage.objects.live()
        .public()
        .filter(locale=locale, start__lt=end, end__gt=start)
        .select_related("venue")
        .order_by("start", "pk")
    )


def get_todays_events(locale: Locale) -> list:
    start, end = local_day_bounds(timezone.localdate())
    return get_events_between(locale, start, end)


@dataclass
class ProgrammeDay:
    day: datetime.date
    events: list = field(default_factory=list)


def get_week_programme(locale: Locale) -> list[ProgrammeDay]:
    """Return the next seven days that have events, each with its events."""
    today = timezone.localdate()
    start, _ = local_day_bounds(today)
    _, end = local_day_bounds(today + datetime.timedelta(days=WEEK_DAYS - 1))
    days: dict[datetime.date, ProgrammeDay] = {}
    for event in get_events_between(locale, start, end):
        day = max(timezone.localdate(event.start), today)
        days.setdefault(day, ProgrammeDay(day=day)).events.append(event)
    return [days[day] for day in sorted(days)]


def get_idea_board(locale: Locale):
    """Return the open challenge of ``locale``, else a general board that
    anonymous visitors may read, or None.

    The kiosk is read without signing in, so it shows only boards that an
    anonymous visitor may read: the general boards are internal, like the
    staff-only challenges.
    """
    from ideation import models as ideation
    from ideation.permissions import exclude_unreadable_pages, unreadable_board_keys

    challenge_model = getattr(ideation, "ChallengePage", None)
    if challenge_model is not None and hasattr(challenge_model, "ends_at"):
        now = timezone.now()
        challenge = (
            challenge_model.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(translation_key__in=unreadable_board_keys(AnonymousUser()))
            .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .order_by("ends_at", "pk")
            .first()
        )
        if challenge is not None:
            return challenge
    boards = ideation.IdeaBoardPage.objects.live().public().filter(locale=locale)
    if challenge_model is not None:
        boards = boards.not_type(challenge_model)
    boards = exclude_unreadable_pages(boards, AnonymousUser())
    return boards.order_by("path").first()


def get_top_ideas(board, limit: int) -> list:
    """Return the board's most supported ideas, without those their authors
    withdrew: the kiosk shows proposals still on the table."""
    from ideation.models import Idea, StatusKind

    if board is None:
        return []
    return list(
        Idea.objects.visible_to(AnonymousUser())
        .listed()
        .filter(board_key=board.translation_key)
        .exclude(status__kind=StatusKind.WITHDRAWN)
        .order_by("-vote_count", "-created_at")[:limit]
    )


@dataclass
class Highlights:
    events: list
    resources: list
    board: Page | None
    ideas: list

    @property
    def count(self) -> int:
        return len(self.events) + len(self.resources) + (1 if self.ideas else 0)


def get_highlights(locale: Locale) -> Highlights:
    board = get_idea_board(locale)
    return Highlights(
        events=get_upcoming_events(locale, MAX_HIGHLIGHTS_PER_KIND),
        resources=resource_services.get_featured_resources(
            locale, MAX_HIGHLIGHTS_PER_KIND
        ),
        board=board,
        ideas=get_top_ideas(board, MAX_HIGHLIGHTS_PER_KIND),
    )


def get_resource_in(page_id: int, locale: Locale) -> tuple[ResourcePage, bool] | None:
    """Return the live resource ``page_id`` in ``locale`` when translated.

    The second value is True when no translation exists and the resource is
    shown in its own language instead; None when the resource is not live.
    """
    page = ResourcePage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    if page.locale_id == locale.pk:
        return page, False
    translated = (
        ResourcePage.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale=locale)
        .first()
    )
    if translated is not None:
        return translated, False
    return page, True


def get_event_in(page_id: int, locale: Locale):
    """Return the live event ``page_id`` in ``locale`` (or as it is), or None."""
    from events.models import EventPage

    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        return None
    translated = (
        EventPage.objects.live()
        .public()
        .filter(translation_key=event.translation_key, locale=locale)
        .first()
    )
    return (translated or event).specific


def unlink(html: str) -> tuple[SafeString, list[tuple[str, str]]]:
    """Replace the links of rendered rich text by their text.

    A kiosk must not leave its own pages, so links become plain text and
    are returned as ``(text, href)`` pairs for the page to show as QR codes.
    The input is Wagtail's rendered (already sanitised) HTML.
    """
    links = []

    def replace(match: re.Match) -> str:
        href, text = match.group(1), match.group(2)
        links.append((re.sub(r"<[^>]+>", "", text).strip(), href))
        return f'<span class="kiosk-unlinked">{text}</span>'

    return mark_safe(LINK_PATTERN.sub(replace, html)), links  # noqa: S308
