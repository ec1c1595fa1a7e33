"""Keyboard focus stays on the page after in-page actions (swap-focus.js).

When a swap or a reload removes the focused control, the browser focuses
<body> and a keyboard or screen reader user starts again from the top. Each
test acts with the keyboard and checks where focus landed.
"""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_lab_challenge import FACILITATOR_EMAIL, challenge_path

EVENT_PATH = "/programme/masterclass-mots-de-passe/"
REGISTRANT_EMAIL = "agent3@example.org"
AUTHOR_EMAIL = "agent2@example.org"
WATCHER_EMAIL = "agent4@example.org"


def screenshot(person: BrowserUser, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(
        caret="initial", path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=False
    )


def press(person: BrowserUser, locator) -> None:
    """Focus a control and press Enter, as a keyboard user does."""
    locator.focus()
    person.page.keyboard.press("Enter")


def first_idea_path(person: BrowserUser) -> str:
    href = person.page.locator("#idea-list article.idea h3 a").first.get_attribute(
        "href"
    )
    assert href, "the board shows no idea to open"
    return href


@pytest.mark.browser
def test_register_focuses_confirmation(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(REGISTRANT_EMAIL)
    visitor.goto(EVENT_PATH)
    panel = visitor.page.locator("#registration")

    press(visitor, panel.locator("button[type=submit]"))

    message = panel.locator("[role=status]")
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    screenshot(visitor, "focus-register-fr")
    assert visitor.problems == []


@pytest.mark.browser
def test_post_idea_focuses_link_to_card(site, open_browser):
    author = open_browser(site.base_urls[0])
    author.sign_in(AUTHOR_EMAIL)
    author.open_live_board(site.paths["board"]["fr"])
    form = author.page.locator("#idea-form")
    title = f"Idée au clavier {uuid.uuid4().hex[:8]}"
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill("Déposée au clavier.")

    press(author, form.locator("[type=submit]"))

    expect(
        author.page.locator("#idea-list article.idea", has_text=title)
    ).to_be_visible()
    expect(
        author.page.locator("#idea-post-status").get_by_role(
            "link", name="Voir votre idée"
        )
    ).to_be_focused()
    screenshot(author, "focus-idea-posted-fr")
    assert author.problems == []


@pytest.mark.browser
def test_post_idea_leaves_focus_elsewhere(site, open_browser):
    author = open_browser(site.base_urls[0])
    author.sign_in(AUTHOR_EMAIL)
    author.open_live_board(site.paths["board"]["fr"])
    page = author.page
    # The response is delayed until the person has moved on to the search field.

    def delay_post(route) -> None:
        if route.request.method == "POST":
            page.wait_for_timeout(800)
        route.continue_()

    page.route("**/ideas/", delay_post)
    form = page.locator("#idea-form")
    title = f"Idée pendant la saisie {uuid.uuid4().hex[:8]}"
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill("Déposée, puis recherche.")

    press(author, form.locator("[type=submit]"))
    page.locator("#site-search").focus()

    expect(page.locator("#idea-list article.idea", has_text=title)).to_be_visible()
    page.wait_for_timeout(300)
    expect(page.locator("#site-search")).to_be_focused()


@pytest.mark.browser
def test_live_idea_moves_no_focus(site, open_browser):
    author = open_browser(site.base_urls[0])
    watcher = open_browser(site.base_urls[-1])
    author.sign_in(AUTHOR_EMAIL)
    watcher.sign_in(WATCHER_EMAIL)
    author.open_live_board(site.paths["board"]["fr"])
    watcher.open_live_board(site.paths["board"]["fr"])
    watcher.page.locator("#filter-tag").focus()
    form = author.page.locator("#idea-form")
    title = f"Idée en direct {uuid.uuid4().hex[:8]}"
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=description]").fill("Arrive en direct.")

    press(author, form.locator("[type=submit]"))

    live_idea = watcher.page.locator("#idea-list article.idea", has_text=title)
    expect(live_idea).to_be_visible()
    expect(watcher.page.locator("#filter-tag")).to_be_focused()


@pytest.mark.browser
def test_comment_keeps_focus_on_submit(site, open_browser):
    author = open_browser(site.base_urls[0])
    author.sign_in(AUTHOR_EMAIL)
    author.goto(site.paths["board"]["fr"])
    author.open_live_board(first_idea_path(author))
    form = author.page.locator("#comment-form")
    body = f"Commentaire au clavier {uuid.uuid4().hex[:8]}"
    form.locator("textarea").fill(body)

    press(author, form.locator("[type=submit]"))

    expect(author.page.locator(".comments__list", has_text=body)).to_be_visible()
    expect(author.page.locator("#comment-form [type=submit]")).to_be_focused()
    screenshot(author, "focus-comment-fr")
    assert author.problems == []


@pytest.mark.browser
def test_follow_keeps_focus_on_button(site, open_browser):
    """Following swaps the form in place: the new button keeps the focus,
    and the live region announces the change."""
    follower = open_browser(site.base_urls[0])
    follower.sign_in(WATCHER_EMAIL)
    follower.goto(site.paths["board"]["fr"])
    follower.goto(first_idea_path(follower))
    button = follower.page.locator("#follow-form [type=submit]")
    before = button.inner_text()

    press(follower, button)

    expect(button).not_to_have_text(before)
    expect(button).to_be_focused()
    expect(follower.page.locator("#live-status")).to_contain_text("cette idée")
    screenshot(follower, "focus-follow-fr")


@pytest.mark.browser
def test_phase_change_focuses_confirmation(site, open_browser):
    facilitator = open_browser(
        site.base_urls[0], viewport={"width": 390, "height": 800}
    )
    facilitator.sign_in(FACILITATOR_EMAIL)
    facilitator.goto(challenge_path(site, "fr"))
    facilitator.page.locator("a[href*='/phase/']").first.click()
    facilitator.page.locator("select[name=phase]").select_option("submission")

    with facilitator.page.expect_navigation():
        press(
            facilitator, facilitator.page.locator(".phase-control__form [type=submit]")
        )

    messages = facilitator.page.locator("#content .messages")
    expect(messages).to_be_visible()
    expect(messages).to_be_focused()
    screenshot(facilitator, "focus-phase-fr-390")
