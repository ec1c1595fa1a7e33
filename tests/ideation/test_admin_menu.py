"""The Wagtail admin menu links facilitators to the Smart Lab's moderation queue."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.groups import EDITORS, LAB_FACILITATORS
from accounts.models import User


def admin_home_for(client, group_name: str) -> str:
    person = User.objects.create_user(
        email=f"{group_name[:4].lower()}@example.org", password="mot-de-passe-long"
    )
    person.groups.add(Group.objects.get(name=group_name))
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_facilitator_menu_links_moderation_queue(client):
    body = admin_home_for(client, LAB_FACILITATORS)

    assert reverse("ideation:moderation") in body
    # The sidebar's items are JSON, with non-ASCII characters escaped.
    assert '"label": "Mod\\u00e9ration du Smart Lab"' in body


@pytest.mark.django_db
def test_editor_menu_has_no_moderation_link(client):
    body = admin_home_for(client, EDITORS)

    assert reverse("ideation:moderation") not in body
