"""Production settings: Django's deployment checks, cookies, HSTS, single sign-on."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DATABASE_URL": "postgres://smartcorner@db.invalid:5432/smartcorner",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "ALLOWED_HOSTS": "intranet.departement.example",
    "OIDC_ISSUER": "https://auth.departement.example/realms/agents",
    "OIDC_CLIENT_ID": "smartcorner",
    "OIDC_CLIENT_SECRET": "client-secret-from-the-provider",
    "OIDC_ALLOWED_EMAIL_DOMAINS": "departement.example",
}
# Variables of the machine running the tests that would change the outcome.
CLEARED = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}


def production_environment(**overrides) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CLEARED and not key.startswith("OIDC_")
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    environment.update(overrides)
    return environment


@pytest.fixture
def production_settings(monkeypatch):
    """Return a function that runs the production settings module."""

    def run(**overrides) -> dict:
        for name in [name for name in os.environ if name.startswith("OIDC_")]:
            monkeypatch.delenv(name)
        for name, value in production_environment(**overrides).items():
            monkeypatch.setenv(name, value)
        monkeypatch.delitem(sys.modules, "cms.settings.base", raising=False)
        return runpy.run_module("cms.settings.production")

    return run


def test_check_deploy_reports_no_issue():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=PROJECT_ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure(production_settings):
    namespace = production_settings()

    assert namespace["SESSION_COOKIE_SECURE"] is True
    assert namespace["CSRF_COOKIE_SECURE"] is True
    assert namespace["LANGUAGE_COOKIE_SECURE"] is True
    assert namespace["SESSION_COOKIE_HTTPONLY"] is True
    assert namespace["DEBUG"] is False


def test_production_sends_hsts_for_a_year(production_settings):
    namespace = production_settings()

    assert namespace["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert namespace["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert namespace["SECURE_SSL_REDIRECT"] is True


def test_production_reads_oidc_from_environment(production_settings):
    namespace = production_settings(OIDC_SCOPES="openid email given_name usual_name")

    oidc = namespace["OIDC"]
    assert oidc["ISSUER"] == PRODUCTION_ENVIRONMENT["OIDC_ISSUER"]
    assert oidc["SCOPES"] == ["openid", "email", "given_name", "usual_name"]
    assert oidc["ALLOWED_EMAIL_DOMAINS"] == ["departement.example"]


def test_production_refuses_oidc_without_secret(production_settings):
    with pytest.raises(ImproperlyConfigured, match="OIDC_CLIENT_SECRET is missing"):
        production_settings(OIDC_CLIENT_SECRET="")


def test_production_refuses_plain_http_issuer(production_settings):
    with pytest.raises(ImproperlyConfigured, match="is not an HTTPS URL"):
        production_settings(OIDC_ISSUER="http://auth.departement.example")


def test_production_runs_without_sso(production_settings):
    namespace = production_settings(OIDC_ISSUER="")

    assert namespace["OIDC"]["ISSUER"] == ""


def test_invalid_number_setting_refused(production_settings):
    with pytest.raises(ImproperlyConfigured, match="PARTNER_INACTIVITY_DAYS='six'"):
        production_settings(PARTNER_INACTIVITY_DAYS="six")
