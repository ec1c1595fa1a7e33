"""The idea board on a phone: the post form and the filters are collapsed,
so the first idea shows within about a screen, and posting an idea shows
where it went."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.test_board_live import AUTHOR_EMAIL, post_idea
from tests.browser.test_board_pages_live import screenshot

PHONE_VIEWPORT = {"width": 390, "height": 844}
# The first idea's top must be within about one screen of scrolling.
FIRST_IDEA_MAX_TOP = 900


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
    author.page.get_by_text("Proposer une idée", exact=True).click()

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
          // Scrolling to an anchor can leave the top a fraction of a pixel above 0.
          const box = document.getElementById(id).getBoundingClientRect();
          return box.top > -1 && box.top < window.innerHeight;
        }""",
        arg=card_id,
    )
    assert author.problems == []


@pytest.mark.browser
def test_phone_board_shows_ideas_first(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(AUTHOR_EMAIL)

    visitor.open_live_board(site.paths["board"]["fr"])

    page = visitor.page
    screenshot(visitor, "board-phone-top-fr", full_page=False)
    expect(page.locator("#idea-form")).to_be_hidden()
    expect(page.locator("form.idea-filters")).to_be_hidden()
    first_idea = page.locator("#idea-list article.idea").first
    top = first_idea.evaluate(
        "card => card.getBoundingClientRect().top + window.scrollY"
    )
    assert top < FIRST_IDEA_MAX_TOP, f"first idea starts {top} px down"
    assert visitor.problems == []


@pytest.mark.browser
def test_phone_filters_open_and_filter(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(AUTHOR_EMAIL)
    visitor.open_live_board(site.paths["board"]["fr"])
    page = visitor.page
    first_title = page.locator("#idea-list article.idea h3").first.inner_text()

    page.get_by_text("Filtrer", exact=True).click()
    search = page.locator("#filter-q")
    search.fill(first_title)
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(page.locator("#idea-list article.idea").first).to_contain_text(first_title)
    page.reload()
    expect(page.locator("form.idea-filters")).to_be_visible()
    assert visitor.problems == []


@pytest.mark.browser
def test_wide_board_opens_form_and_filters(site, open_browser):
    author = open_browser(site.base_urls[0])
    author.sign_in(AUTHOR_EMAIL)

    author.open_live_board(site.paths["board"]["fr"])

    expect(author.page.locator("#idea-form")).to_be_visible()
    expect(author.page.locator("form.idea-filters")).to_be_visible()
