"""Wagtail's bulk "set active state" action on users, with its actor."""

from wagtail.users.views.bulk_actions.set_active_state import (
    SetActiveStateBulkAction as WagtailSetActiveStateBulkAction,
)

BULK_ACTION_REASON = "admin_bulk_action"


class SetActiveStateBulkAction(WagtailSetActiveStateBulkAction):
    """Wagtail's action, recording the person who ran it and their request
    in each account event that the change causes.

    Wagtail's own action calls ``update(is_active=...)``, whose events have
    no actor.
    """

    def get_execution_context(self):
        return {**super().get_execution_context(), "request": self.request}

    @classmethod
    def execute_action(
        cls, objects, mark_as_active=False, model=None, user=None, request=None
    ):
        if model is None:
            model = cls.get_default_model()
        # Like Wagtail's action, leave the account of the person running it.
        ids = [obj.pk for obj in objects if user is None or obj.pk != user.pk]
        count = model.objects.filter(pk__in=ids).set_active(
            mark_as_active, actor=user, request=request, reason=BULK_ACTION_REASON
        )
        return count, 0
