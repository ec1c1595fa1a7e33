"""No Content-Security-Policy violation while a Smart Lab board updates live.

A field can carry a style attribute that no template wrote: the browser
sets one when someone drags a textarea's resize handle, and Playwright
leaves style="" on the focused field after a screenshot that hides the
caret. htmx 2 copies the old element's style attribute onto the new one
while settling a swap, unless the htmx-config meta leaves "style" out of
attributesToSettle, and the strict CSP blocks that copy.
"""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.server import ARTIFACTS_DIR

AUTHOR_EMAIL = "agent3@example.org"
WATCHER_EMAIL = "agent4@example.org"


def csp_violations(person: BrowserUser) -> list[str]:
    return [problem for problem in person.problems if "CSP violation" in problem]


@pytest.mark.browser
def test_live_board_has_no_csp_violation(site, open_browser):
    author = open_browser(site.base_urls[0])
    watcher = open_browser(site.base_urls[-1])
    author.sign_in(AUTHOR_EMAIL)
    watcher.sign_in(WATCHER_EMAIL)
    author.open_live_board(site.paths["board"]["fr"])
    watcher.open_live_board(site.paths["board"]["fr"])
    title = f"Idée sous CSP {uuid.uuid4().hex[:8]}"
    form = author.page.locator("#idea-form")
    form.locator("input[name=title]").fill(title)
    description = form.locator("textarea[name=description]")
    description.fill("Vérifie la politique CSP.")
    # What the browser does when the person drags the resize handle.
    description.evaluate("(field) => { field.style.height = '12em'; }")
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    author.page.screenshot(path=ARTIFACTS_DIR / "csp-board-before-post.png")

    form.locator("[type=submit]").click()
    live_idea = watcher.page.locator("#idea-list article.idea", has_text=title)
    expect(live_idea).to_be_visible()
    live_idea.locator("button.vote-button").click()
    expect(live_idea.locator("button.vote-button")).to_have_attribute(
        "aria-pressed", "true"
    )
    author_idea = author.page.locator("#idea-list article.idea", has_text=title)
    expect(author_idea.locator("[id$='-votes']")).to_have_text("1")

    assert csp_violations(author) == []
    assert csp_violations(watcher) == []
