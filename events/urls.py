"""URLs of the events app, mounted at ``programme/`` under the language prefix.

The programme list, calendar and archive are routes of the programme page
itself (``EventIndexPage``); these URLs serve actions, feeds and check-in.
"""

from django.urls import path

import cms.converters  # noqa: F401 - registers the id converter

from . import checkin, feeds, views

app_name = "events"

urlpatterns = [
    path("<id:page_id>/inscription/", views.register, name="register"),
    path("<id:page_id>/invite/", views.guest_register, name="guest_register"),
    path("invite/confirmer/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("invite/inscription/<str:token>/", views.guest_manage, name="guest_manage"),
    path("inscriptions/<int:registration_id>/annuler/", views.cancel, name="cancel"),
    path("inscriptions/<str:code>/qr.svg", views.qr_code, name="qr_code"),
    path("mon-programme/", views.my_programme, name="my_programme"),
    path("mon-programme/flux/", views.reset_feed, name="reset_feed"),
    path("<id:page_id>/evenement.ics", feeds.event_ics, name="event_ics"),
    path("flux/tous.ics", feeds.public_feed, name="feed_all"),
    path("flux/type/<slug:kind>.ics", feeds.public_feed, name="feed_kind"),
    path("flux/site/<int:venue_id>.ics", feeds.public_feed, name="feed_site"),
    path("flux/prive/<str:token>.ics", feeds.private_feed, name="feed_private"),
    path("<id:page_id>/pointage/", checkin.attendance_list, name="checkin"),
    path("<id:page_id>/pointage/code/", checkin.check_in_code, name="checkin_code"),
    path("<id:page_id>/pointage/sur-place/", checkin.walk_in, name="checkin_walk_in"),
    path("pointage/<int:registration_id>/", checkin.set_presence, name="checkin_set"),
]
