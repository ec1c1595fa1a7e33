"""The 400 and 500 pages: Django renders them without the request, so they
stand alone, in the language of the request."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from home import views as home_views


def fail_with(monkeypatch, error: Exception) -> None:
    """Make the sitemap page raise ``error`` while it reads the active locale."""

    class FailingLocale:
        @staticmethod
        def get_active():
            raise error

    monkeypatch.setattr(home_views, "Locale", FailingLocale)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "home"),
    [
        ("/plan-du-site/", "Une erreur est survenue", 'href="/"'),
        ("/en/plan-du-site/", "Something went wrong", 'href="/en/"'),
    ],
)
def test_server_error_page_in_language(monkeypatch, path, heading, home):
    fail_with(monkeypatch, RuntimeError("sitemap broken"))
    client = Client(raise_request_exception=False)

    response = client.get(path)
    content = response.content.decode()

    assert response.status_code == 500
    assert heading in content
    assert home in content
    assert "css/site.css" in content
    assert "sitemap broken" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "language"),
    [
        ("/plan-du-site/", "Demande non valide", 'lang="fr"'),
        ("/en/plan-du-site/", "Invalid request", 'lang="en"'),
    ],
)
def test_bad_request_page_in_language(monkeypatch, path, heading, language):
    fail_with(monkeypatch, SuspiciousOperation("forged value"))

    response = Client().get(path)
    content = response.content.decode()

    assert response.status_code == 400
    assert heading in content
    assert language in content
    assert "forged value" not in content
