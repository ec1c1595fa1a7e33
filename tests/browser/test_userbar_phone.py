"""The Wagtail user bar that editors see must leave the page's controls usable.

Signed-in editors get Wagtail's user bar, a round button near a corner of the
window. At 390 px wide it must cover none of the buttons of the board, an idea
page or the home page. That holds when the page opens, and when each button is
scrolled to the window's bottom edge, where a thumb reaches for it. On a
desktop it must leave the header's tools free.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR

PHONE_VIEWPORT = {"width": 390, "height": 844}
EDITOR_EMAIL = "editeur@example.org"
CHALLENGE_PATH = "/smart-lab/defi-accueil-usagers/"
# Wagtail 8 renders the button in an open shadow root, which locators pierce.
USERBAR_TRIGGER = "#wagtail-userbar-trigger"
# The controls a person needs on each page.
BOARD_BUTTONS = (
    ".idea-form [type=submit], form.idea-filters [type=submit], "
    ".vote-button, #idea-list-more a, .site-header button"
)
IDEA_BUTTONS = "main button, main [type=submit], .site-header button"
HOME_BUTTONS = "main a.button, main button, .site-header button"
HEADER_CONTROLS = ".site-header a, .site-header button, .site-header input"

# Returns the boxes of the visible elements of ``selector``, in window
# coordinates, after scrolling each to the bottom edge of the window.
BOXES_AT_BOTTOM_EDGE = """([selector, trigger]) => {
    const userbar = document.querySelector("wagtail-userbar");
    const button = userbar && userbar.shadowRoot.querySelector(trigger);
    const boxes = [];
    for (const element of document.querySelectorAll(selector)) {
        if (!element.checkVisibility()) continue;
        element.scrollIntoView({block: "end", inline: "nearest"});
        const box = element.getBoundingClientRect();
        const bar = button.getBoundingClientRect();
        boxes.push({
            label: (element.textContent || element.value || "").trim().slice(0, 40),
            element: [box.left, box.top, box.right, box.bottom],
            userbar: [bar.left, bar.top, bar.right, bar.bottom],
        });
    }
    window.scrollTo(0, 0);
    return boxes;
}"""


def overlaps(first: list[float], second: list[float]) -> bool:
    left, top, right, bottom = first
    other_left, other_top, other_right, other_bottom = second
    return (
        left < other_right
        and other_left < right
        and top < other_bottom
        and other_top < bottom
    )


def box_of(page, selector: str) -> list[float]:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not displayed"
    return [box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]]


def covered_controls(page, selector: str) -> list[dict]:
    """Return the controls of ``selector`` that the user bar covers, at the
    page's first view and scrolled to the window's bottom edge."""
    trigger = box_of(page, USERBAR_TRIGGER)
    covered = []
    for control in page.locator(selector).all():
        box = control.bounding_box()
        if box and overlaps(
            trigger,
            [box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]],
        ):
            covered.append({"label": control.inner_text()[:40], "at": "first view"})
    for measure in page.evaluate(BOXES_AT_BOTTOM_EDGE, [selector, USERBAR_TRIGGER]):
        if overlaps(measure["element"], measure["userbar"]):
            covered.append({**measure, "at": "bottom edge"})
    return covered


@pytest.fixture
def editor(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(EDITOR_EMAIL)
    return visitor


def first_idea_path(page) -> str:
    href = page.locator("#idea-list .idea__title a").first.get_attribute("href")
    assert href and re.match(r"^/lab/ideas/\d+/$", href), href
    return href


@pytest.mark.browser
def test_userbar_leaves_board_buttons_free(editor):
    editor.goto(CHALLENGE_PATH)

    covered = covered_controls(editor.page, BOARD_BUTTONS)

    editor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "userbar-phone-board.png"
    )
    assert editor.page.locator(USERBAR_TRIGGER).is_visible()
    assert editor.page.locator(".vote-button").count() > 0
    assert covered == []
    assert editor.problems == []


@pytest.mark.browser
def test_userbar_menu_opens_on_phone(editor):
    editor.goto(CHALLENGE_PATH)

    editor.page.locator(USERBAR_TRIGGER).click()

    first_item = editor.page.get_by_role("menuitem").first
    expect(first_item).to_be_visible()
    # The items slide in: the screenshot waits for the end of the transition.
    editor.page.wait_for_function(
        "() => document.querySelector('wagtail-userbar').shadowRoot"
        ".getAnimations().length === 0"
    )
    editor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "userbar-phone-menu.png"
    )
    item = box_of(editor.page, "[role=menuitem]")
    assert item[0] >= 0
    assert item[2] <= PHONE_VIEWPORT["width"]


@pytest.mark.browser
def test_userbar_leaves_idea_page_free(editor):
    editor.goto(CHALLENGE_PATH)
    editor.goto(first_idea_path(editor.page))

    covered = covered_controls(editor.page, IDEA_BUTTONS)

    editor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "userbar-phone-idea.png"
    )
    assert editor.page.locator(USERBAR_TRIGGER).is_visible()
    assert covered == []
    assert editor.problems == []


@pytest.mark.browser
def test_userbar_leaves_home_page_free(site, editor):
    editor.goto(site.paths["home"]["fr"])

    covered = covered_controls(editor.page, HOME_BUTTONS)

    editor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "userbar-phone-home.png"
    )
    editor.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    editor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "userbar-phone-home-end.png"
    )
    assert editor.page.locator(USERBAR_TRIGGER).is_visible()
    assert covered == []
    assert editor.problems == []


# At 1280 px the user bar fits right of the header's container; at 1024 px the
# header keeps room for it beside the site's tools.
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1024])
def test_userbar_leaves_desktop_header_free(site, open_browser, width):
    viewport = {"width": width, "height": 800}
    visitor = open_browser(site.base_urls[0], viewport=viewport)
    visitor.sign_in(EDITOR_EMAIL)
    visitor.goto(CHALLENGE_PATH)

    covered = covered_controls(visitor.page, HEADER_CONTROLS)

    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / f"userbar-desktop-{width}-board.png"
    )
    assert visitor.page.locator(USERBAR_TRIGGER).is_visible()
    assert covered == []
