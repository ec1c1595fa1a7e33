"""Wagtail admin entries of the Smart Lab: a link to the moderation queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class ModerationMenuItem(MenuItem):
    """A menu item that only people with the moderation permission see.

    The facilitators' group has it. A person named in a challenge's
    "Animateurs" field without the group has no admin access at all, and
    finds the queue from the challenge's page on the site.
    """

    def is_shown(self, request):
        return request.user.has_perm("ideation.moderate_idea")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Smart Lab moderation"),
        reverse("ideation:moderation"),
        icon_name="warning",
        order=910,
    )
