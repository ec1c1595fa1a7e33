"""Admin menu entry, URLs and page buttons for registrations."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

import cms.converters  # noqa: F401 - registers the id converter

from . import admin_views
from .models import EventPage

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.event_registrations, name="event"),
    path(
        "<id:page_id>/export/<slug:export_format>/",
        admin_views.export,
        name="export",
    ),
    path(
        "inscription/<int:registration_id>/retirer/",
        admin_views.remove,
        name="remove",
    ),
]


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [
        path(
            "registrations/",
            include((admin_urlpatterns, "events_admin"), namespace="events_admin"),
        )
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_registration")


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("events_admin:index"),
        icon_name="group",
        order=250,
    )


@hooks.register("register_page_listing_more_buttons")
def page_listing_registration_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and user.has_perm(
        "events.view_registration"
    ):
        yield Button(
            _("Registrations"),
            reverse("events_admin:event", args=[page.pk]),
            priority=60,
        )
        if user.has_perm("events.check_in_registration"):
            yield Button(
                _("Check-in"),
                reverse("events:checkin", args=[page.pk]),
                priority=61,
            )
