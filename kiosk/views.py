"""Kiosk pages: attract screen, resources by theme, today's events, the week.

Every page is a whole document. The screen's script swaps the ``#kiosk-app``
element of the response into the page, so one page load serves for weeks.
Without the script, links still work as ordinary page loads.
"""

import functools
import logging

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from resources import services as resource_services

from . import content, services
from .frame import KioskFrame

logger = logging.getLogger(__name__)

APP_VERSION = "kiosk-1.0.0"


def screen_page(view_name: str):
    """Resolve the screen from its token (404 when unknown) and render in
    the URL's language."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, token, *args, language="fr", **kwargs):
            screen = services.get_active_screen(token)
            if screen is None:
                logger.info("kiosk page requested with an unknown screen token")
                raise Http404("unknown screen")
            frame = KioskFrame(
                screen, language, view_name, args + tuple(kwargs.values())
            )
            with translation.override(language):
                response = view(request, frame, *args, **kwargs)
            # Screens must always fetch the current content.
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorator


def render_kiosk(request, frame: KioskFrame, template: str, context: dict, status=200):
    context = {
        **context,
        "kiosk": frame,
        "locale": content.get_locale(frame.language),
        "app_version": APP_VERSION,
        "content_version": services.get_content_version(),
    }
    return render(request, template, context, status=status)


def render_not_found(request, frame: KioskFrame):
    """Render the kiosk's own "no longer available" page, with status 404."""
    return render_kiosk(request, frame, "kiosk/not_found.html", {}, status=404)


@screen_page("home")
def home(request, frame):
    locale = content.get_locale(frame.language)
    context = {
        "is_open": frame.screen.is_open(),
        "highlights": content.get_highlights(locale),
    }
    return render_kiosk(request, frame, "kiosk/home.html", context)


@screen_page("resources")
def resources(request, frame):
    locale = content.get_locale(frame.language)
    context = {
        "themes": resource_services.get_themes(locale),
        "resources": list(resource_services.get_live_resources(locale)),
        "theme": None,
    }
    return render_kiosk(request, frame, "kiosk/resources.html", context)


@screen_page("theme")
def theme(request, frame, slug):
    locale = content.get_locale(frame.language)
    current = resource_services.get_theme_by_slug(slug, locale)
    if current is None:
        return render_not_found(request, frame)
    found = resource_services.filter_resources(
        resource_services.get_live_resources(locale), theme=slug
    )
    context = {
        "themes": resource_services.get_themes(locale),
        "resources": list(found),
        "theme": current,
    }
    return render_kiosk(request, frame, "kiosk/resources.html", context)


@screen_page("resource")
def resource(request, frame, page_id):
    locale = content.get_locale(frame.language)
    found = content.get_resource_in(page_id, locale)
    if found is None:
        return render_not_found(request, frame)
    page, untranslated = found
    body, links = content.unlink(str(page.body.render_as_block()))
    context = {
        "resource": page,
        "untranslated": untranslated,
        "body": body,
        "links": links,
        "site_url": page.get_url(request),
    }
    return render_kiosk(request, frame, "kiosk/resource.html", context)


@screen_page("today")
def today(request, frame):
    locale = content.get_locale(frame.language)
    context = {
        "events": content.get_todays_events(locale),
        "today": timezone.localdate(),
    }
    return render_kiosk(request, frame, "kiosk/today.html", context)


@screen_page("week")
def week(request, frame):
    locale = content.get_locale(frame.language)
    context = {"days": content.get_week_programme(locale)}
    return render_kiosk(request, frame, "kiosk/week.html", context)


@screen_page("event")
def event(request, frame, page_id):
    locale = content.get_locale(frame.language)
    found = content.get_event_in(page_id, locale)
    if found is None:
        return render_not_found(request, frame)
    summary_html, links = content.unlink(str(found.body.render_as_block()))
    context = {
        "event": found,
        "body": summary_html,
        "links": links,
        "site_url": found.get_url(request),
    }
    return render_kiosk(request, frame, "kiosk/event.html", context)
