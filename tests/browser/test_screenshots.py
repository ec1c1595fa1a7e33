"""Screenshots of the main pages, saved to tests/artifacts/ for people to review."""

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 390, "height": 844},
}
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
SIGNED_IN_EMAIL = "agent@example.org"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("kind", ["home", "board"])
def test_page_screenshot_saved(site, open_browser, kind, language, viewport):
    visitor = open_browser(
        site.base_urls[0], viewport=VIEWPORTS[viewport], locale=LOCALES[language]
    )
    if kind == "board":
        visitor.sign_in(SIGNED_IN_EMAIL, language=language)
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{kind}-{language}-{viewport}.png"
    path.unlink(missing_ok=True)

    visitor.goto(site.paths[kind][language])
    expect(visitor.page.locator("h1").first).to_be_visible()
    visitor.page.screenshot(caret="initial", path=path, full_page=True)

    assert visitor.page.locator("html").get_attribute("lang") == language
    assert path.stat().st_size > 0
    assert visitor.problems == []
