"""Wagtail redirects still work from the sync-only middleware."""

import pytest
from django.conf import settings
from wagtail.contrib.redirects.models import Redirect

from cms.middleware import SyncRedirectMiddleware


def test_redirect_middleware_runs_in_sync_mode():
    assert settings.MIDDLEWARE[-1] == "cms.middleware.SyncRedirectMiddleware"
    assert SyncRedirectMiddleware.sync_capable is True
    assert SyncRedirectMiddleware.async_capable is False


@pytest.mark.django_db
def test_editor_redirect_answers_permanent(client):
    Redirect.objects.create(
        old_path="/ancien-programme", redirect_link="/programme/", is_permanent=True
    )

    response = client.get("/ancien-programme/")

    assert response.status_code == 301
    assert response["Location"].endswith("/programme/")


@pytest.mark.django_db
def test_unknown_path_still_answers_404(client):
    response = client.get("/aucune-page-ici/")

    assert response.status_code == 404
