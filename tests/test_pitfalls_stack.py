"""Guards against known pitfalls of the stack: settings, static files, CSP, URLs."""

import json
import os
import re
import runpy
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from cms import env

PROJECT_ROOT = Path(settings.BASE_DIR)
NODE_MODULES = PROJECT_ROOT / "node_modules"
CDN_PATTERN = re.compile(r"(https?:)?//[^\s\"'<>]*(unpkg|cdn|jsdelivr)", re.IGNORECASE)
# An inline <script> runs only with 'unsafe-inline'; JSON-LD is data, not code.
INLINE_SCRIPT_PATTERN = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE
)
EVENT_HANDLER_PATTERN = re.compile(r"<[^>]*\son[a-z]{3,}\s*=", re.IGNORECASE)
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"}
PUBLIC_PATHS = ["/compte/connexion/", "/en/compte/connexion/", "/recherche/?q=lab"]
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DATABASE_URL": "postgres://smartcorner@db.invalid:5432/smartcorner",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "ALLOWED_HOSTS": "intranet.example.org",
}


def read_locked_version(package: str) -> str:
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text())
    return lock["packages"][f"node_modules/{package}"]["version"]


def read_installed_version(package: str) -> str:
    manifest = json.loads((NODE_MODULES / package / "package.json").read_text())
    return manifest["version"]


def list_project_files(folder_name: str, suffixes: set[str]) -> list[Path]:
    """List files with suffixes under every folder named folder_name in the project.

    Covers the project's templates/ or static/ and those of each app, and skips
    installed packages and the vendor copies of npm packages.
    """
    skipped = {"node_modules", ".venv", "var", ".git", "vendor"}
    found = []
    for folder in PROJECT_ROOT.rglob(folder_name):
        if skipped & set(folder.relative_to(PROJECT_ROOT).parts):
            continue
        found.extend(
            path
            for path in folder.rglob("*")
            if path.suffix in suffixes and not skipped & set(path.parts)
        )
    return sorted(found)


def find_matches(paths: list[Path], pattern: re.Pattern) -> list[str]:
    """Return "path:line: text" for each line of paths that matches pattern."""
    matches = []
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if pattern.search(line):
                location = path.relative_to(PROJECT_ROOT)
                matches.append(f"{location}:{number}: {line.strip()}")
    return matches


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        directives[name.lower()] = sources
    return directives


def run_with_production_settings(
    arguments: list[str], overrides: dict[str, str]
) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    environment.update(overrides)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def production_environment(monkeypatch):
    """Set the variables production needs, except SECRET_KEY.

    The base settings module is dropped from the import cache, so that running
    a settings module imports it again under this environment.
    """
    for name, value in PRODUCTION_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delitem(sys.modules, "cms.settings.base")
    return monkeypatch


# Static files: htmx comes from npm, never from a CDN.


@pytest.mark.parametrize(
    ("static_path", "package"),
    [
        ("vendor/htmx/htmx.min.js", "htmx.org"),
        ("vendor/htmx-ext-ws/ws.js", "htmx-ext-ws"),
    ],
)
def test_vendor_static_file_comes_from_node_modules(static_path, package):
    found = finders.find(static_path)

    assert found is not None, f"{static_path} not found: run `npm ci`"
    assert Path(found).resolve().is_relative_to((NODE_MODULES / package).resolve())


@pytest.mark.parametrize("package", ["htmx.org", "htmx-ext-ws"])
def test_npm_package_version_matches_lock(package):
    locked = read_locked_version(package)

    installed = read_installed_version(package)

    assert locked.startswith("2.0."), f"{package} {locked}: the ws extension needs 2.0"
    assert installed == locked, f"node_modules has {package} {installed}: run `npm ci`"


def test_htmx_file_reports_locked_version():
    content = Path(finders.find("vendor/htmx/htmx.min.js")).read_text()

    versions = re.findall(r'version:"([0-9.]+)"', content)

    assert versions == [read_locked_version("htmx.org")]


@override_settings(WHITENOISE_USE_FINDERS=True)
def test_vendor_htmx_served_under_static_url():
    expected = Path(finders.find("vendor/htmx/htmx.min.js")).read_bytes()

    response = Client().get(f"{settings.STATIC_URL}vendor/htmx/htmx.min.js")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == expected


def test_templates_reference_no_cdn():
    files = list_project_files("templates", {".html", ".txt", ".xml"})
    files += list_project_files("static", {".css", ".js"})

    matches = find_matches(files, CDN_PATTERN)

    assert files, "no template found"
    assert matches == []


def test_templates_have_no_inline_script():
    files = list_project_files("templates", {".html"})

    matches = find_matches(files, INLINE_SCRIPT_PATTERN)

    assert matches == [], "inline scripts are blocked by script-src 'self'"


def test_templates_have_no_inline_event_handler():
    files = list_project_files("templates", {".html"})

    handlers = find_matches(files, EVENT_HANDLER_PATTERN)
    hx_on = find_matches(files, re.compile(r"\bhx-on", re.IGNORECASE))

    assert handlers == [], "on* attributes need 'unsafe-inline'"
    assert hx_on == [], "hx-on attributes need 'unsafe-eval'"


# Content-Security-Policy on the public site.


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_sends_strict_csp(client, path):
    response = client.get(path)

    assert response.status_code == 200
    directives = parse_csp(response["Content-Security-Policy"])
    script_sources = directives.get("script-src", directives.get("default-src"))
    assert script_sources, "no script-src nor default-src"
    assert UNSAFE_SCRIPT_SOURCES.isdisjoint(script_sources)
    assert directives.get("object-src") == ["'none'"]


@pytest.mark.django_db
def test_public_page_configures_htmx_without_eval(client):
    response = client.get(PUBLIC_PATHS[0])

    match = re.search(
        r"<meta name=\"htmx-config\" content='([^']*)'", response.content.decode()
    )

    assert match, "the page has no htmx-config meta element"
    config = json.loads(match.group(1))
    assert config.get("allowEval") is False
    assert config.get("includeIndicatorStyles") is False
    assert config.get("selfRequestsOnly") is True


@pytest.mark.django_db
def test_public_page_loads_htmx_from_static(client):
    response = client.get(PUBLIC_PATHS[0])

    content = response.content.decode()

    assert f'src="{settings.STATIC_URL}vendor/htmx/htmx.min.js"' in content
    assert f'src="{settings.STATIC_URL}vendor/htmx-ext-ws/ws.js"' in content


# The admin lives outside the language prefix.


@pytest.mark.django_db
def test_admin_url_has_no_language_prefix():
    with translation.override("en"):
        admin_path = reverse("wagtailadmin_home")

    assert admin_path == "/admin/"


@pytest.mark.django_db
def test_admin_redirects_english_visitor_without_prefix(client):
    response = client.get("/admin/", headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_admin_under_english_prefix_not_found(client):
    response = client.get("/en/admin/")

    assert response.status_code == 404


# Production settings.


def test_production_check_deploy_reports_no_warning():
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {"SECRET_KEY": secrets.token_urlsafe(50)},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_secret_key(production_environment):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is missing"):
        runpy.run_module("cms.settings.production")


def test_production_settings_reject_wildcard_host(production_environment):
    production_environment.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    production_environment.setenv("ALLOWED_HOSTS", "intranet.example.org,*")

    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS contains"):
        runpy.run_module("cms.settings.production")


@pytest.mark.parametrize("module", ["cms.settings.base", "cms.settings.production"])
def test_default_allowed_hosts_exclude_wildcard(production_environment, module):
    production_environment.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    production_environment.delenv("ALLOWED_HOSTS")

    namespace = runpy.run_module(module)

    assert namespace["ALLOWED_HOSTS"]
    assert "*" not in namespace["ALLOWED_HOSTS"]


def test_test_settings_allowed_hosts_exclude_wildcard():
    assert "*" not in settings.ALLOWED_HOSTS


# Channel layer.


def test_channel_layer_without_redis_url_in_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)

    layers = env.get_channel_layers()

    assert layers["default"]["BACKEND"] == "cms.channel_layers.LocalChannelLayer"


def test_channel_layer_with_redis_url_uses_redis(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache.invalid:6379/0")

    layers = env.get_channel_layers()

    assert layers["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    host = layers["default"]["CONFIG"]["hosts"][0]
    assert host["address"] == "redis://cache.invalid:6379/0"
    # redis-py 8 raises once its pool holds 100 connections.
    assert host["max_connections"] > 100
    # channels-redis blocks 5 s on a read; the socket must wait longer.
    assert host["socket_timeout"] > 5


@pytest.mark.redis
@pytest.mark.asyncio
async def test_redis_channel_layer_delivers_group_message(monkeypatch):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set")
    from channels_redis.core import RedisChannelLayer

    monkeypatch.setenv("CHANNELS_PREFIX", f"pitfall-test-{uuid.uuid4().hex}")
    config = env.get_channel_layers()["default"]["CONFIG"]
    layer = RedisChannelLayer(**config)
    channel = await layer.new_channel()
    await layer.group_add("pitfalls", channel)

    await layer.group_send("pitfalls", {"type": "board.update", "sequence": 7})

    message = await layer.receive(channel)
    await layer.flush()
    await layer.close_pools()
    assert message == {"type": "board.update", "sequence": 7}
