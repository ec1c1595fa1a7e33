"""Kiosk screens in the Wagtail admin: settings, and each screen's last
heartbeat, version and memory figures."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Screen


class MegabytesColumn(Column):
    """Show a byte count in megabytes, or a dash when unknown."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return "–"
        return f"{value / 1_000_000:.1f} MB"


class HeartbeatStatusColumn(Column):
    """Say whether the screen sent a heartbeat in the last few minutes."""

    def get_value(self, instance):
        if instance.is_silent:
            return _("No recent heartbeat")
        return _("Reporting")


class ScreenViewSet(SnippetViewSet):
    model = Screen
    icon = "desktop"
    menu_label = _("Kiosk screens")
    add_to_admin_menu = True
    menu_order = 800
    list_display = [
        "name",
        "place",
        "is_active",
        HeartbeatStatusColumn("heartbeat_status", label=_("Status")),
        DateColumn("last_heartbeat_at", label=_("Last heartbeat")),
        Column("reported_version", label=_("Version")),
        MegabytesColumn("js_heap_used_bytes", label=_("JavaScript memory used")),
        Column("dom_node_count", label=_("Page elements")),
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "place"]


register_snippet(ScreenViewSet)
