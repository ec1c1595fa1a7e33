"""The idea board on a phone: posting an idea shows where it went."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.test_board_live import AUTHOR_EMAIL, post_idea
from tests.browser.test_board_pages_live import screenshot

PHONE_VIEWPORT = {"width": 390, "height": 844}


def in_viewport(person: BrowserUser, selector: str) -> bool:
    """Return True when the element's box is wholly inside the viewport."""
    return person.page.eval_on_selector(
        selector,
        """element => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
    )


@pytest.mark.browser
def test_post_on_phone_confirms_next_to_form(site, open_browser):
    author = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    author.sign_in(AUTHOR_EMAIL)
    author.open_live_board(site.paths["board"]["fr"])
    title = f"Idée du téléphone {uuid.uuid4().hex[:8]}"

    post_idea(author, title)

    status = author.page.locator("#idea-post-status")
    # French quotes hold non-breaking spaces, which \s matches in JavaScript.
    posted = re.compile(rf"Votre idée «\s{re.escape(title)}\s» a été déposée")
    expect(status).to_contain_text(posted)
    link = status.get_by_role("link", name="Voir votre idée")
    expect(link).to_be_focused()
    assert in_viewport(author, "#idea-post-status"), "confirmation out of view"
    screenshot(author, "board-phone-posted-fr", full_page=False)
    card = author.page.locator("article.idea").filter(has_text=title)
    card_id = card.get_attribute("id")
    assert link.get_attribute("href") == f"#{card_id}"

    link.click()

    author.page.wait_for_function(
        """id => {
          const box = document.getElementById(id).getBoundingClientRect();
          return box.top >= 0 && box.top < window.innerHeight;
        }""",
        arg=card_id,
    )
    assert author.problems == []
