"""Admin hooks of the site frame: the sync action in the page editor's menu.

wagtail-localize 1.14 offers "Sync translated pages" only in the "…" menus of
the page header and of the page listing. Editors who have just changed a
French page look for it next to "Publier" in the editor's action menu, so the
same action is added there for pages that are the source of translations.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail_localize.models import TranslationSource


class SyncTranslatedPagesMenuItem(ActionMenuItem):
    """Link to wagtail-localize's update view for the edited source page."""

    label = _("Sync translated pages")
    name = "action-sync-translated-pages"
    icon_name = "resubmit"

    def get_source(self, context) -> TranslationSource | None:
        """Return the page's translation source, if it has enabled translations."""
        source = TranslationSource.objects.get_for_instance_or_none(context["page"])
        if source is None or not source.translations.filter(enabled=True).exists():
            return None
        return source

    def is_shown(self, context) -> bool:
        # wagtail-localize's update view requires this permission too.
        if context["view"] != "edit":
            return False
        if not context["request"].user.has_perm("wagtail_localize.submit_translation"):
            return False
        return self.get_source(context) is not None

    def get_url(self, parent_context) -> str:
        source = self.get_source(parent_context)
        edit_url = reverse("wagtailadmin_pages:edit", args=[parent_context["page"].pk])
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        return f"{url}?{urlencode({'next': edit_url})}"


@hooks.register("register_page_action_menu_item")
def register_sync_translated_pages_menu_item() -> ActionMenuItem:
    return SyncTranslatedPagesMenuItem(order=50)
