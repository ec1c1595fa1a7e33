"""A read-only listing of the audit trail in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from audit.models import AuditEvent


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes audit events through the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit trail")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_filter = ["name", "created_at"]
    search_fields = ["name", "target_id"]
    list_display = [
        DateColumn("created_at", label=_("Date")),
        Column("name", label=_("Event")),
        Column("actor", label=_("Done by")),
        Column("target_type", label=_("Object type")),
        Column("target_id", label=_("Object id")),
    ]
    # Needed by the edit views, which ReadOnlyPolicy makes unreachable.
    form_fields = ["name"]
