"""URLs of the kiosk, mounted at /kiosk/ outside the language prefix.

Each page exists in French (``/kiosk/<token>/…``) and in English
(``/kiosk/<token>/en/…``); see ``kiosk.frame``.
"""

from django.urls import path

import cms.converters  # noqa: F401 - registers the id converter

from . import api, views

app_name = "kiosk"

SEGMENTS = {
    "fr": {
        "resources": "ressources",
        "today": "aujourdhui",
        "week": "semaine",
        "events": "evenements",
    },
    "en": {
        "resources": "resources",
        "today": "today",
        "week": "week",
        "events": "events",
    },
}


def language_patterns(language: str) -> list:
    prefix = "<str:token>/" if language == "fr" else f"<str:token>/{language}/"
    suffix = "" if language == "fr" else f"_{language}"
    words = SEGMENTS[language]
    kwargs = {"language": language}
    return [
        path(prefix, views.home, kwargs, name=f"home{suffix}"),
        path(
            f"{prefix}{words['resources']}/",
            views.resources,
            kwargs,
            name=f"resources{suffix}",
        ),
        path(
            f"{prefix}{words['resources']}/theme/<slug:slug>/",
            views.theme,
            kwargs,
            name=f"theme{suffix}",
        ),
        path(
            f"{prefix}{words['resources']}/<id:page_id>/",
            views.resource,
            kwargs,
            name=f"resource{suffix}",
        ),
        path(f"{prefix}{words['today']}/", views.today, kwargs, name=f"today{suffix}"),
        path(f"{prefix}{words['week']}/", views.week, kwargs, name=f"week{suffix}"),
        path(
            f"{prefix}{words['events']}/<id:page_id>/",
            views.event,
            kwargs,
            name=f"event{suffix}",
        ),
    ]


urlpatterns = [
    path("r/<str:code>/", api.short_link, name="short_link"),
    path("<str:token>/state/", api.state, name="state"),
    path("<str:token>/heartbeat/", api.heartbeat, name="heartbeat"),
    path("<str:token>/sessions/", api.session, name="session"),
    *language_patterns("fr"),
    *language_patterns("en"),
]
