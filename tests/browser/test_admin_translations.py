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


def open_english_home_translation(visitor) -> None:
    """Open the translation editor of the English home page from the explorer."""
    visitor.goto("/admin/pages/1/")
    title = content.HOME["en"]["title"]
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

    open_english_home_translation(visitor)
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "admin-demo-page-translation-editor.png"
    )

    assert visitor.page.title().startswith("Traduction de")
    source_link = visitor.page.get_by_role("link", name="français", exact=True)
    assert french_url.endswith(source_link.get_attribute("href"))


@pytest.mark.browser
def test_translation_editor_labels_in_french(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(EDITOR_EMAIL)

    open_english_home_translation(visitor)
    publish = visitor.page.locator("footer button[value=publish]")
    section_title = visitor.page.locator(".js-translation-editor section h3").first

    # wagtail-localize's bundle appends the language name to "Publish in ",
    # and writes the section title in English without gettext.
    expect(publish).to_have_text("Publier en anglais")
    expect(section_title).to_have_text("Traduction français-anglais")
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "admin-translation-editor-french.png"
    )
    assert visitor.problems == []
