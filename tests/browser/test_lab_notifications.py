"""The notifications page shows and announces what a change sent through htmx did."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import SIGNED_IN_EMAIL

# seed_demo gives this agent unread notifications.
NOTIFICATIONS_PATH = "/lab/notifications/"
NOTIFICATIONS_URL = re.compile(r"/lab/notifications/$")


@pytest.mark.browser
def test_notification_changes_announced_in_place(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(NOTIFICATIONS_PATH)
    status = visitor.page.locator("#notifications-status")
    page_url = visitor.page.url
    save = visitor.page.get_by_role("button", name="Enregistrer ma préférence")

    visitor.page.get_by_role("button", name="Tout marquer comme lu").click()
    expect(status).to_have_text("Toutes vos notifications sont marquées comme lues.")
    unread_after_marking = visitor.page.locator(".notifications__unread").count()
    visitor.page.get_by_label("Jamais").check()
    save.click()
    expect(status).to_have_text("Votre préférence est enregistrée.")
    checked_after_saving = visitor.page.get_by_label("Jamais").is_checked()

    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "lab-notifications-status-fr.png"
    )
    # Other tests share the site, so the default preference is restored.
    visitor.page.get_by_label("Immédiatement").check()
    with visitor.page.expect_response(NOTIFICATIONS_URL) as restored:
        save.click()
    assert restored.value.ok
    assert checked_after_saving
    assert status.get_attribute("role") == "status"
    assert unread_after_marking == 0
    assert visitor.page.locator("#lab-bell [data-bell-count]").inner_text() == "0"
    assert visitor.page.url == page_url
    assert visitor.problems == []
