"""Fixtures for the browser tests: a served copy of the site and chromium."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.browser_user import WEBSOCKET_OPEN_COUNTER, BrowserUser
from tests.browser.server import ARTIFACTS_DIR, SiteUnderTest, serve_seeded_site
from tests.conftest import CHROMIUM_PATH

# Flags for a headless chromium in a container without network access: no
# sandbox (root), no GPU, and no background calls to Google services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 15_000
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, for failure screenshots."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def site(tmp_path_factory) -> Iterator[SiteUnderTest]:
    """Serve a migrated, seeded copy of the site with daphne."""
    with serve_seeded_site(tmp_path_factory.mktemp("site")) as served_site:
        yield served_site


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Launch Debian's chromium; Playwright never downloads a browser here."""
    if not CHROMIUM_PATH.exists():
        pytest.fail(
            f"{CHROMIUM_PATH} is missing: run `apt-get install chromium` "
            "(scripts/test.sh does it when run as root)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def open_browser(browser, request) -> Iterator[Callable[..., BrowserUser]]:
    """Return a function that opens a new browser context on one server.

    Keyword arguments go to ``Browser.new_context``. Contexts close after the
    test; when the test failed, a screenshot of each page goes to
    tests/artifacts/failures/.
    """
    users: list[BrowserUser] = []

    def open_context(base_url: str, **options) -> BrowserUser:
        options.setdefault("viewport", DESKTOP_VIEWPORT)
        options.setdefault("locale", "fr-FR")
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.add_init_script(script=WEBSOCKET_OPEN_COUNTER)
        user = BrowserUser(context=context, page=context.new_page(), base_url=base_url)
        users.append(user)
        return user

    yield open_context

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        save_failure_screenshots(request.node.name, users)
    for user in users:
        user.context.close()


def save_failure_screenshots(test_name: str, users: list[BrowserUser]) -> None:
    """Save what each browser showed when a test failed."""
    folder = ARTIFACTS_DIR / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
    for index, user in enumerate(users):
        path = Path(folder / f"{safe_name}-{index}.png")
        user.page.screenshot(caret="initial", path=path, full_page=True)
