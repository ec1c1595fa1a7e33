"""Context of the resource index page: filters by theme, kind and level."""

import logging

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from . import services
from .models import ResourceKind, ResourceLevel

logger = logging.getLogger(__name__)

RESOURCES_PER_PAGE = 12


class ResourceFilterForm(forms.Form):
    """Filters of the resource list; every field may stay empty."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ResourceKind.choices],
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *ResourceLevel.choices],
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *((theme.slug, theme.name) for theme in themes),
        ]

    def valid_criteria(self) -> dict[str, str]:
        """Return the criteria that passed validation, ignoring invalid ones.

        An unknown value in one filter shows an error on that field, and the
        list stays filtered by the other fields.
        """
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors and value
        }


def get_index_context(request, index_page) -> dict:
    """Return the filter form and the page of resources below ``index_page``."""
    locale = Locale.objects.get(pk=index_page.locale_id)
    themes = services.get_themes(locale)
    form = ResourceFilterForm(request.GET or None, themes=themes)
    criteria = form.valid_criteria() if request.GET else {}
    resources = services.get_live_resources(locale).descendant_of(index_page)
    resources = services.filter_resources(resources, **criteria)
    paginator = Paginator(resources, RESOURCES_PER_PAGE)
    page_of_resources = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "themes": themes,
        "resources": page_of_resources,
        "resource_count": paginator.count,
        "filter_query": query.urlencode(),
        "is_filtered": bool(criteria),
    }
