from django.utils import timezone
from wagtail.users.views.users import EditView as WagtailEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import account_events
from .forms import UserCreationForm, UserEditForm
from .models import AccountEventKind


class EditView(WagtailEditView):
    """Wagtail's user edit view, recording deactivations and reactivations.

    Wagtail logs the edit itself in its own log entries; the account event
    adds who (de)activated the account, for the sign-in log.
    """

    def save_instance(self):
        changed_activity = "is_active" in self.form.changed_data
        if changed_activity:
            self.form.instance.deactivated_at = (
                None if self.form.instance.is_active else timezone.now()
            )
        instance = super().save_instance()
        if changed_activity:
            kind = (
                AccountEventKind.REACTIVATED
                if instance.is_active
                else AccountEventKind.DEACTIVATED
            )
            account_events.record(
                kind, request=self.request, user=instance, actor=self.request.user
            )
        return instance


class UserViewSet(WagtailUserViewSet):
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        if for_update:
            return UserEditForm
        return UserCreationForm
