"""Two signed-in people watch one Smart Lab board; changes reach both live."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser

# A change made by one person must reach the other without reloading, within
# this delay (the board coalesces vote counts every 250 ms).
LIVE_UPDATE_DEADLINE_MS = 2_000
AUTHOR_EMAIL = "agent@example.org"
WATCHER_EMAIL = "agent2@example.org"


def count_pattern(count: int) -> re.Pattern:
    """Match a vote count label that shows count as a whole number."""
    return re.compile(rf"(^|\D){count}(\D|$)")


def post_idea(author: BrowserUser, title: str) -> None:
    form = author.page.locator("form#idea-form")
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill(
        "Idée déposée par le test du tableau en direct."
    )
    form.locator("[type=submit]").click()


@pytest.mark.browser
@pytest.mark.parametrize("watcher_language", ["fr", "en"])
def test_board_new_idea_and_vote_reach_watcher(site, open_browser, watcher_language):
    # With Redis, each person talks to a different daphne process, so the
    # update has to cross processes through the channel layer.
    author = open_browser(site.base_urls[0])
    watcher_locale = {"fr": "fr-FR", "en": "en-GB"}[watcher_language]
    watcher = open_browser(site.base_urls[-1], locale=watcher_locale)
    author.sign_in(AUTHOR_EMAIL)
    watcher.sign_in(WATCHER_EMAIL, language=watcher_language)
    author.open_live_board(site.paths["board"]["fr"])
    watcher.open_live_board(site.paths["board"][watcher_language])
    watcher.page.evaluate("window.__notReloaded = true")
    title = f"Test en direct {uuid.uuid4().hex[:8]}"

    post_idea(author, title)

    author_idea = author.page.locator("#idea-list article.idea", has_text=title)
    watcher_idea = watcher.page.locator("#idea-list article.idea", has_text=title)
    expect(watcher_idea).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(author_idea).to_be_visible()
    idea_id = author_idea.get_attribute("data-idea-id")
    assert idea_id
    assert watcher_idea.get_attribute("data-idea-id") == idea_id
    watcher_count = watcher.page.locator(f"#idea-{idea_id}-votes")
    expect(watcher_count).to_have_text(count_pattern(0))

    author_idea.locator("button.vote-button").click()

    expect(watcher_count).to_have_text(
        count_pattern(1), timeout=LIVE_UPDATE_DEADLINE_MS
    )
    author_button = author_idea.locator("button.vote-button")
    expect(author_button).to_have_attribute("aria-pressed", "true")
    expect(author.page.locator(f"#idea-{idea_id}-votes")).to_have_text(count_pattern(1))
    # The broadcast carries the count, never the author's own vote state.
    watcher_button = watcher_idea.locator("button.vote-button")
    expect(watcher_button).to_have_attribute("aria-pressed", "false")
    assert watcher.page.evaluate("window.__notReloaded === true")
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_board_live_element_targets_board_group(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(AUTHOR_EMAIL)

    visitor.open_live_board(site.paths["board"]["fr"])

    live = visitor.page.locator("#board-live")
    expected_path = f"/ws/lab/boards/{site.board_key}/?lang=fr"
    expect(live).to_have_attribute("ws-connect", expected_path)
