"""The indicators, mounted under /admin/indicateurs/ by cms/urls.py.

They sit outside Wagtail's admin URL wrapper so that a signed-in person
without the permission gets 403 rather than a redirect to the sign-in page.
"""

from django.urls import path

from stats import views

urlpatterns = [
    path("", views.report_view, name="stats_report"),
    path("<str:code>/figer/", views.freeze_view, name="stats_freeze"),
]
