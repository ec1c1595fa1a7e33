"""A board shows at once that the network is gone, and catches up after."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_lab_challenge import (
    LIVE_UPDATE_DEADLINE_MS,
    PARTICIPANT_EMAIL,
    challenge_path,
)

# Reconnecting waits 1 to 5 s before the new socket, then fetches the list.
RECONNECT_DEADLINE_MS = 15_000
OTHER_AGENT_EMAIL = "agent2@example.org"


@pytest.mark.browser
def test_offline_notice_then_catch_up(site, open_browser):
    watcher = open_browser(site.base_urls[0])
    watcher.sign_in(PARTICIPANT_EMAIL)
    watcher.open_live_board(challenge_path(site, "fr"))
    voter = open_browser(site.base_urls[-1])
    voter.sign_in(OTHER_AGENT_EMAIL)
    voter.goto(challenge_path(site, "fr"))
    notice = watcher.page.locator("#board-connection")

    watcher.context.set_offline(True)

    expect(notice).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(notice).to_contain_text("interrompues")
    # A vote made while the watcher is offline reaches it after reconnecting.
    card = voter.page.locator("#idea-list article.idea").first
    card_id = card.get_attribute("id")
    count = voter.page.locator(f"#{card_id}-votes")
    before = int(count.text_content())
    button = card.locator(".vote-button")
    pressed = button.get_attribute("aria-pressed") == "true"
    button.click()
    expected = before - 1 if pressed else before + 1
    expect(count).to_have_text(str(expected), timeout=LIVE_UPDATE_DEADLINE_MS)

    watcher.context.set_offline(False)

    expect(notice).to_be_hidden(timeout=RECONNECT_DEADLINE_MS)
    expect(watcher.page.locator(f"#{card_id}-votes")).to_have_text(
        str(expected), timeout=RECONNECT_DEADLINE_MS
    )
