from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401  (connects the audit receivers)


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that edit the profile fields."""

    user_viewset = "accounts.viewsets.UserViewSet"
