"""Wagtail admin entries of the Smart Store: links to the desk and labels."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import is_store_staff


class StoreStaffMenuItem(MenuItem):
    """A menu item that only store staff see."""

    def is_shown(self, request):
        return is_store_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return StoreStaffMenuItem(
        _("Store desk"), reverse("store:desk"), icon_name="tablet-alt", order=900
    )


@hooks.register("register_admin_menu_item")
def register_labels_menu_item():
    return StoreStaffMenuItem(
        _("QR labels"), reverse("store:labels"), icon_name="doc-full", order=901
    )
