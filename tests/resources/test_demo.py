"""Demo resources: both languages, and the same counts after a second run."""

import pytest
from django.core.management import call_command

from resources.models import ResourceIndexPage, ResourcePage, Theme


@pytest.mark.django_db
def test_seed_demo_resources_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (ResourcePage.objects.count(), Theme.objects.count())

    call_command("seed_demo", verbosity=0)

    assert (ResourcePage.objects.count(), Theme.objects.count()) == counts
    assert ResourceIndexPage.objects.filter(locale__language_code="en").exists()
    assert ResourcePage.objects.filter(locale__language_code="en").exists()
    assert ResourcePage.objects.filter(featured=True, live=True).count() >= 3
