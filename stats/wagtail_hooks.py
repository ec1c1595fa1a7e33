from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from stats.panels import QuarterPanel
from stats.permissions import can_view_indicators


class IndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_indicators(request.user)


@hooks.register("register_admin_menu_item")
def register_stats_menu_item():
    return IndicatorsMenuItem(
        _("Indicators"), reverse("stats_report"), icon_name="table", order=250
    )


@hooks.register("construct_homepage_panels")
def add_quarter_panel(request, panels):
    if can_view_indicators(request.user):
        panels.append(QuarterPanel())


@hooks.register("insert_global_admin_css")
def stats_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("stats/admin.css"))
