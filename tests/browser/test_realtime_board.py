"""The live board keeps what people type and catches up after a lost socket."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.test_board_live import (
    AUTHOR_EMAIL,
    LIVE_UPDATE_DEADLINE_MS,
    WATCHER_EMAIL,
    count_pattern,
    post_idea,
)

# board.js waits 1 to 5 s before it opens a new socket, then fetches the list.
RECONNECT_DEADLINE_MS = 15_000

# Stops the board script and htmx from seeing socket messages, as if the
# network lost them. A capturing listener on the document runs before the
# listeners of #board-live, where htmx-ext-ws dispatches the event.
DROP_MESSAGES = """
window.__dropLiveMessages = (event) => {
  event.preventDefault();
  event.stopImmediatePropagation();
};
document.addEventListener("htmx:wsBeforeMessage", window.__dropLiveMessages, true);
"""
STOP_DROPPING = """
document.removeEventListener("htmx:wsBeforeMessage", window.__dropLiveMessages, true);
"""


def open_two_people(site, open_browser, path=None):
    path = path or site.paths["board"]["fr"]
    author = open_browser(site.base_urls[0])
    watcher = open_browser(site.base_urls[-1])
    author.sign_in(AUTHOR_EMAIL)
    watcher.sign_in(WATCHER_EMAIL)
    author.open_live_board(path)
    watcher.open_live_board(path)
    return author, watcher


@pytest.mark.browser
def test_typing_survives_live_updates_and_refetch(site, open_browser):
    author, watcher = open_two_people(site, open_browser)
    title_field = watcher.page.locator("form#idea-form input[name=title]")
    description_field = watcher.page.locator(
        "form#idea-form textarea[name=description]"
    )
    description_field.fill("Un texte en cours de rédaction")
    title_field.click()
    title_field.press_sequentially("Titre en cours")
    title = f"Arrivée pendant la saisie {uuid.uuid4().hex[:8]}"

    post_idea(author, title)
    watcher_idea = watcher.page.locator("#idea-list article.idea", has_text=title)
    expect(watcher_idea).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    author.page.locator("#idea-list article.idea", has_text=title).locator(
        "button.vote-button"
    ).click()
    idea_id = watcher_idea.get_attribute("data-idea-id")
    expect(watcher.page.locator(f"#idea-{idea_id}-votes")).to_have_text(
        count_pattern(1), timeout=LIVE_UPDATE_DEADLINE_MS
    )
    # A number far behind makes the next message look like a gap, so the
    # script fetches the whole list while the person is still typing.
    watcher.page.evaluate(
        "document.getElementById('board-live').dataset.sequence = '0'"
    )
    second_title = f"Après le trou {uuid.uuid4().hex[:8]}"
    post_idea(author, second_title)
    expect(
        watcher.page.locator("#idea-list article.idea", has_text=second_title)
    ).to_be_visible(timeout=RECONNECT_DEADLINE_MS)

    expect(title_field).to_have_value("Titre en cours")
    expect(description_field).to_have_value("Un texte en cours de rédaction")
    expect(title_field).to_be_focused()
    assert watcher.problems == []


@pytest.mark.browser
def test_reconnect_after_server_close_fetches_state(site, open_browser):
    from tests.browser.test_lab_challenge import challenge_path

    # The demo challenge is open to partners, so a signed-out reader still
    # reads it: the general boards are for staff only.
    author, watcher = open_two_people(
        site, open_browser, path=challenge_path(site, "fr")
    )
    watcher.page.evaluate(DROP_MESSAGES)
    title = f"Manquée par le témoin {uuid.uuid4().hex[:8]}"
    post_idea(author, title)
    author_idea = author.page.locator("#idea-list article.idea", has_text=title)
    expect(author_idea).to_be_visible()
    author_idea.locator("button.vote-button").click()
    idea_id = author_idea.get_attribute("data-idea-id")
    expect(author.page.locator(f"#idea-{idea_id}-votes")).to_have_text(count_pattern(1))
    watcher.page.wait_for_timeout(500)
    missed = watcher.page.locator("#idea-list article.idea", has_text=title)
    assert missed.count() == 0, "the dropped messages reached the page"
    watcher.page.evaluate(STOP_DROPPING)

    # Signing out in another tab makes the server close the board's socket;
    # the board opens a new one as an anonymous reader and fetches the list.
    other_tab = watcher.context.new_page()
    other_tab.goto(watcher.base_url + "/")
    with other_tab.expect_navigation():
        other_tab.locator("form.account [type=submit]").click()

    expect(missed).to_be_visible(timeout=RECONNECT_DEADLINE_MS)
    expect(watcher.page.locator(f"#idea-{idea_id}-votes")).to_have_text(
        count_pattern(1)
    )
    assert watcher.page.evaluate("window.__smartcornerSocketsOpened") >= 2
    assert watcher.problems == []


@pytest.mark.browser
def test_comment_typing_survives_live_comment(site, open_browser):
    author, watcher = open_two_people(site, open_browser)
    title = f"Idée à commenter {uuid.uuid4().hex[:8]}"
    post_idea(author, title)
    card = author.page.locator("#idea-list article.idea", has_text=title)
    # The post carries a multipart form; give a loaded machine some time.
    expect(card).to_be_visible(timeout=RECONNECT_DEADLINE_MS)
    idea_id = card.get_attribute("data-idea-id")
    idea_path = card.locator(".idea__comments a").get_attribute("href").split("#")[0]
    author.open_live_board(idea_path)
    watcher.open_live_board(idea_path)
    typed = watcher.page.locator("#comment-form textarea[name=body]")
    typed.click()
    typed.press_sequentially("Je rédige une réponse")

    author.page.locator("#comment-form textarea[name=body]").fill(
        "Premier commentaire en direct"
    )
    author.page.locator("#comment-form [type=submit]").click()

    expect(watcher.page.locator(f"#idea-{idea_id}-comments")).to_contain_text(
        "Premier commentaire en direct", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    expect(typed).to_have_value("Je rédige une réponse")
    expect(typed).to_be_focused()
    assert watcher.problems == []


# Records htmx's error events for out-of-band parts whose target is missing.
RECORD_OOB_ERRORS = """
window.__oobErrors = [];
document.addEventListener("htmx:oobErrorNoTarget", (event) => {
  window.__oobErrors.push(event.detail.content ? event.detail.content.outerHTML : "?");
});
"""


@pytest.mark.browser
def test_comment_updates_board_count_without_oob_error(site, open_browser):
    author, watcher = open_two_people(site, open_browser)
    title = f"Idée commentée {uuid.uuid4().hex[:8]}"
    post_idea(author, title)
    card = watcher.page.locator("#idea-list article.idea", has_text=title)
    expect(card).to_be_visible(timeout=RECONNECT_DEADLINE_MS)
    idea_id = card.get_attribute("data-idea-id")
    idea_path = card.locator(".idea__comments a").get_attribute("href").split("#")[0]
    author.open_live_board(idea_path)
    watcher.page.evaluate(RECORD_OOB_ERRORS)

    author.page.locator("#comment-form textarea[name=body]").fill(
        "Un commentaire vu depuis le tableau"
    )
    author.page.locator("#comment-form [type=submit]").click()

    expect(watcher.page.locator(f"#idea-{idea_id}-comment-count")).to_have_text(
        "1", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert watcher.page.evaluate("window.__oobErrors") == []
    assert watcher.problems == []
