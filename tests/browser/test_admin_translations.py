"""An editor finds the wagtail-localize actions on the demo pages in the admin."""

import re

import pytest
from playwright.sync_api import expect

from home import demo_content as content
from tests.browser.server import ARTIFACTS_DIR

EDITOR_EMAIL = "editeur@example.org"


def open_french_home_editor(visitor) -> None:
    """Open the French home page in the admin editor from the page explorer."""
    visitor.goto("/admin/pages/1/")
    title = content.HOME["fr"]["title"]
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("link", name=title, exact=True).click()


@pytest.mark.browser
def test_french_demo_page_offers_sync(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(EDITOR_EMAIL)
    open_french_home_editor(visitor)

    visitor.page.get_by_role("button", name="Actions", exact=True).click()
    sync = visitor.page.get_by_role("link", name="Synchroniser les pages traduites")
    sync.wait_for()
    # The dropdown fades in; wait for the end of the fade before the screenshot.
    expect(visitor.page.locator(".tippy-box").first).to_have_css("opacity", "1")
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "admin-demo-page-sync-action.png"
    )

    assert re.search(r"/admin/localize/update/\d+/", sync.get_attribute("href"))
    assert visitor.problems == []


@pytest.mark.browser
def test_english_demo_page_opens_translation_editor(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(EDITOR_EMAIL)
    open_french_home_editor(visitor)
    french_url = visitor.page.url

    visitor.goto("/admin/pages/1/")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role(
            "link", name=content.HOME["en"]["title"], exact=True
        ).click()
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "admin-demo-page-translation-editor.png"
    )

    assert visitor.page.title().startswith("Traduction de")
    source_link = visitor.page.get_by_role("link", name="Français", exact=True)
    assert french_url.endswith(source_link.get_attribute("href"))
