"""The moderation queue's "Reports" heading and Wagtail's "Reports" menu.

Django gives precedence to the catalogues of apps listed first in
INSTALLED_APPS, and ideation comes before Wagtail. An entry for "Reports"
without context therefore renamed the admin's "Rapports" menu (locked pages,
workflows, site history) to "Signalements", the word for flagged ideas.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from accounts.groups import LAB_FACILITATORS


def test_wagtail_reports_menu_french_name():
    with translation.override("fr"):
        assert gettext("Reports") == "Rapports"


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Signalements"), ("en", "Reports")]
)
def test_flag_heading_per_language(language, heading):
    with translation.override(language):
        assert pgettext("flagged content", "Reports") == heading


@pytest.mark.django_db
@pytest.mark.usefixtures("board")
def test_moderation_queue_heading_in_french(facilitator, facilitator_client):
    group, _created = Group.objects.get_or_create(name=LAB_FACILITATORS)
    facilitator.groups.add(group)

    body = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    assert '<h2 id="flags-heading">Signalements</h2>' in body
