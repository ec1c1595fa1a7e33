"""The sign-in and account log in the Wagtail admin, read-only, and the
users' bulk action that records who (de)activated whom."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .bulk_actions import SetActiveStateBulkAction
from .models import AccountEvent


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Account events are written by the code only; people can only read them."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AccountEventViewSet(ModelViewSet):
    model = AccountEvent
    icon = "password"
    menu_label = _("Sign-in log")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_filter = ["kind", "created_at"]
    search_fields = ["email"]
    list_display = [
        DateColumn("created_at", label=_("At")),
        Column("kind", label=_("Event"), accessor="get_kind_display"),
        Column("user", label=_("Account")),
        Column("email", label=_("E-mail address typed")),
        Column("ip_address", label=_("IP address")),
        Column("actor", label=_("Done by")),
    ]
    # Needed by the edit views, which the policy makes unreachable.
    form_fields = ["kind"]


register_permission_policy(AccountEvent, ReadOnlyPolicy(AccountEvent), exact_class=True)


@hooks.register("register_admin_viewset")
def register_account_event_viewset():
    return AccountEventViewSet("account_events")


# The bulk action registry keeps the last class registered for each action
# type. Hooks run in ascending order, so this class (order 1) replaces
# Wagtail's own "set_active_state" action (order 0).
hooks.register("register_bulk_action", SetActiveStateBulkAction, order=1)
