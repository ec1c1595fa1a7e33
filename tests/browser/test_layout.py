"""Layout checks that a person makes by eye: whole option texts, aligned rows."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    SIGNED_IN_EMAIL,
    describe_violations,
)
from tests.browser.test_events_journey import MY_PROGRAMME_PATH, PROGRAMME_PATH
from tests.browser.test_lab_challenge import FACILITATOR_EMAIL, first_idea_path

PHONE_VIEWPORT = {"width": 390, "height": 844}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
CATALOGUE_PATH = "/smart-store/catalogue/"
CALENDAR_PATH = "/programme/calendrier/"
CHALLENGE_PATH = "/smart-lab/defi-accueil-usagers/"
# seed_demo gives this agent unread notifications.
NOTIFICATIONS_PATH = "/lab/notifications/"

# Returns, for each select, its widest option and the room for text. A select
# cuts its text without overflowing (its scrollWidth stays its width), so the
# text is measured with the select's own font. The room leaves out the
# padding and 20 px for chromium's drop-down arrow, which sits inside it.
OPTION_WIDTHS = """selects => selects.map(select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const widths = Array.from(select.options, option => ({
        text: option.text,
        width: context.measureText(option.text).width,
    }));
    const widest = widths.reduce((a, b) => (b.width > a.width ? b : a));
    const room = select.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight) - 20;
    return {id: select.id, text: widest.text, width: widest.width, room: room};
})"""


@pytest.mark.browser
def test_catalogue_filters_show_whole_options(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.goto(CATALOGUE_PATH)

    measures = visitor.page.locator("#catalogue-filters select").evaluate_all(
        OPTION_WIDTHS
    )

    visitor.page.locator("#catalogue-filters").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "store-catalogue-filters-fr.png"
    )
    assert len(measures) == 4
    for measure in measures:
        assert measure["width"] <= measure["room"], measure
    assert visitor.problems == []


@pytest.mark.browser
def test_quarter_filter_fits_phone(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.goto(CALENDAR_PATH)

    measures = visitor.page.locator("#filter-quarter").evaluate_all(OPTION_WIDTHS)

    visitor.page.locator(".programme-filters").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "events-quarter-filter-fr-mobile.png"
    )
    assert " – " in measures[0]["text"]
    assert measures[0]["width"] <= measures[0]["room"], measures[0]
    assert visitor.problems == []


@pytest.mark.browser
def test_board_filters_end_on_one_line(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.goto(CHALLENGE_PATH)
    search = visitor.page.locator("#filter-q")
    controls = visitor.page.locator(
        ".idea-filters input:not([type=hidden]):not(#filter-q), "
        ".idea-filters select, .idea-filters button"
    )
    expect(controls.first).to_be_visible()

    search_box = search.bounding_box()
    boxes = [controls.nth(index).bounding_box() for index in range(controls.count())]

    # The search box has a row of its own. The other controls sit below it
    # and end on one line: a wrapped row starts at least a control's height
    # lower.
    bottoms = {round(box["y"] + box["height"]) for box in boxes}
    heights = {round(box["height"]) for box in [search_box, *boxes]}
    assert all(box["y"] >= search_box["y"] + search_box["height"] for box in boxes)
    assert len(boxes) == 5
    assert len(bottoms) == 1, bottoms
    assert len(heights) == 1, heights
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "viewport", [DESKTOP_VIEWPORT, PHONE_VIEWPORT], ids=["desktop", "phone"]
)
def test_board_filters_show_whole_options(site, open_browser, viewport):
    visitor = open_browser(site.base_urls[0], viewport=viewport)
    visitor.goto(CHALLENGE_PATH)
    disclosure = visitor.page.locator(".idea-filters-disclosure")
    if disclosure.get_attribute("open") is None:
        disclosure.locator("summary").click()

    measures = visitor.page.locator(".idea-filters select").evaluate_all(OPTION_WIDTHS)

    visitor.page.locator(".idea-filters").screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / f"lab-board-filters-fr-{viewport['width']}.png",
    )
    assert len(measures) == 3
    for measure in measures:
        assert measure["width"] <= measure["room"], measure
    assert visitor.problems == []


@pytest.mark.browser
def test_challenge_facts_pair_terms_on_desktop(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.goto(CHALLENGE_PATH)
    facts = visitor.page.locator(".challenge__facts")

    term = facts.locator("dt").first.bounding_box()
    description = facts.locator("dd").first.bounding_box()

    assert abs(term["y"] - description["y"]) < 8
    assert description["x"] > term["x"] + term["width"]
    assert visitor.problems == []


@pytest.mark.browser
def test_notifications_show_date_below_text(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT, bypass_csp=True)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(NOTIFICATIONS_PATH)
    notification = visitor.page.locator(".notification").first
    expect(notification).to_be_visible()

    text = notification.locator(".notification__text").bounding_box()
    date = notification.locator("time").bounding_box()
    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate("async () => await axe.run(document)")

    visitor.page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / "lab-notifications-fr-mobile.png",
        full_page=True,
    )
    blocking = [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert date["y"] >= text["y"] + text["height"]
    assert blocking == [], describe_violations(blocking)


HOME_PATHS = {"fr": "/", "en": "/en/"}

# Returns the boxes of the header's parts: the brand, the tools, each tool and
# each item of the main menu, and the height of the top bar inside its padding.
HEADER_BOXES = """header => {
    const box = element => {
        const rect = element.getBoundingClientRect();
        return {left: rect.left, right: rect.right, top: rect.top,
                bottom: rect.bottom, height: rect.height};
    };
    const all = selector => Array.from(header.querySelectorAll(selector), box);
    const top = header.querySelector(".site-header__top");
    const style = getComputedStyle(top);
    return {
        top_content_height: top.clientHeight - parseFloat(style.paddingTop)
            - parseFloat(style.paddingBottom),
        brand: box(header.querySelector(".brand")),
        tools: box(header.querySelector(".site-tools")),
        tool_items: all(".site-tools > *"),
        menu_items: all(".main-nav__list > li"),
    };
}"""


def overlaps(first: dict, second: dict) -> bool:
    return (
        first["left"] < second["right"]
        and second["left"] < first["right"]
        and first["top"] < second["bottom"]
        and second["top"] < first["bottom"]
    )


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_signed_in_header_is_one_row(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL, language=language)
    visitor.goto(HOME_PATHS[language])
    header = visitor.page.locator(".site-header")

    boxes = header.evaluate(HEADER_BOXES)

    header.screenshot(
        caret="initial", path=ARTIFACTS_DIR / f"header-signed-in-{language}.png"
    )
    # One row: the top bar is as tall as its tallest part, the tools sit
    # beside the brand, and every tool and menu item shares the first one's row.
    row_height = max(boxes["brand"]["height"], boxes["tools"]["height"])
    assert abs(boxes["top_content_height"] - row_height) < 1, boxes
    assert boxes["tools"]["top"] < boxes["brand"]["bottom"], boxes
    assert boxes["brand"]["right"] <= boxes["tools"]["left"], boxes
    first_tool = boxes["tool_items"][0]
    for tool in boxes["tool_items"]:
        assert tool["top"] < first_tool["bottom"], boxes["tool_items"]
    menu_tops = {round(item["top"]) for item in boxes["menu_items"]}
    assert len(menu_tops) == 1, boxes["menu_items"]
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_signed_in_header_fits_phone(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL, language=language)
    visitor.goto(HOME_PATHS[language])
    header = visitor.page.locator(".site-header")

    boxes = header.evaluate(HEADER_BOXES)
    page_width = visitor.page.evaluate("document.documentElement.scrollWidth")

    header.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / f"header-signed-in-{language}-mobile.png",
    )
    assert page_width <= PHONE_VIEWPORT["width"]
    items = [boxes["brand"], *boxes["tool_items"]]
    for index, item in enumerate(items):
        assert item["right"] <= PHONE_VIEWPORT["width"], item
        for other in items[index + 1 :]:
            assert not overlaps(item, other), (item, other)
    assert visitor.problems == []


@pytest.mark.browser
def test_phone_menu_collapses_after_back(site, open_browser):
    """Going back to a pushed URL makes htmx swap in a new body: its menu
    button must work like the first one."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    page = visitor.page
    visitor.goto(PROGRAMME_PATH)
    page.select_option("#filter-kind", "digital_cafe")
    expect(page).to_have_url(re.compile(r"kind=digital_cafe"))

    page.go_back()

    expect(page.locator("#filter-kind")).to_have_value("")
    toggle = page.locator(".main-nav__toggle")
    menu = page.locator("#main-nav-list")
    expect(toggle).to_be_visible()
    expect(menu).to_be_hidden()
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert visitor.problems == []


@pytest.mark.browser
def test_facilitator_idea_page_fits_phone(site, open_browser):
    """The merge list sizes itself to the longest idea title, which widened
    the whole page past a phone's screen."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    visitor.goto(first_idea_path(visitor))
    merge_list = visitor.page.locator("select[name=target]")

    page_width = visitor.page.evaluate("document.documentElement.scrollWidth")
    box = merge_list.bounding_box()

    visitor.page.locator(".facilitator-tools").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "lab-facilitator-tools-fr-mobile.png"
    )
    assert merge_list.locator("option").count() >= 2
    assert page_width <= PHONE_VIEWPORT["width"]
    assert box["x"] + box["width"] <= PHONE_VIEWPORT["width"]
    assert visitor.problems == []


@pytest.mark.browser
def test_sent_invitations_fit_phone(site, open_browser):
    """The table of sent invitations scrolls inside its region."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL)
    visitor.goto("/compte/invitations/")
    region = visitor.page.locator(".table-scroll")

    page_width = visitor.page.evaluate("document.documentElement.scrollWidth")
    region_box = region.bounding_box()

    region.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "accounts-invitations-fr-mobile.png"
    )
    assert region.locator("tbody tr").count() >= 1
    assert page_width <= PHONE_VIEWPORT["width"]
    assert region_box["x"] + region_box["width"] <= PHONE_VIEWPORT["width"]
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "viewport", [PHONE_VIEWPORT, DESKTOP_VIEWPORT], ids=["phone", "desktop"]
)
def test_check_in_qr_codes_stay_square(site, open_browser, viewport):
    """A flex row stretched each QR code to the height of its registration's
    text, and a scanner may not read a distorted code."""
    visitor = open_browser(site.base_urls[0], viewport=viewport)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(MY_PROGRAMME_PATH)
    codes = visitor.page.locator(".my-registration__qr")
    expect(codes.first).to_be_visible()

    boxes = [codes.nth(index).bounding_box() for index in range(codes.count())]

    visitor.page.locator(".my-registration").first.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / f"events-my-programme-qr-{viewport['width']}.png",
    )
    for box in boxes:
        assert abs(box["width"] - box["height"]) < 1, box
    assert visitor.problems == []


# Returns the distance in pixels from the bottom of the header to the first
# visible element of <main>.
ROOM_BELOW_HEADER = """() => {
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const first = Array.from(document.querySelectorAll("main .container > *"))
        .find(element => element.getBoundingClientRect().height > 1);
    return first.getBoundingClientRect().top - header.bottom;
}"""


@pytest.mark.browser
def test_lab_pages_start_below_header(site, open_browser):
    """Lab pages without breadcrumbs started flush against the header."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    idea_path = first_idea_path(visitor)
    phase_path = visitor.page.locator("a[href$='/phase/']").first.get_attribute("href")
    paths = [
        "/lab/moderation/",
        NOTIFICATIONS_PATH,
        phase_path,
        idea_path,
        idea_path + "flag/",
    ]

    rooms = {}
    for path in paths:
        visitor.goto(path)
        rooms[path] = visitor.page.evaluate(ROOM_BELOW_HEADER)

    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "lab-flag-form-fr-mobile.png"
    )
    for path, room in rooms.items():
        assert room >= 16, (path, room)
    assert visitor.problems == []


@pytest.mark.browser
def test_lab_text_boxes_use_site_font(site, open_browser):
    """Comment, report and moderation boxes kept the browser's monospace."""
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(FACILITATOR_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    idea_path = first_idea_path(visitor)
    body_font = visitor.page.evaluate("getComputedStyle(document.body).fontFamily")

    fonts = {}
    for path in (idea_path, idea_path + "flag/", "/lab/moderation/"):
        visitor.goto(path)
        fonts[path] = visitor.page.locator("textarea").evaluate_all(
            "boxes => boxes.map(box => getComputedStyle(box).fontFamily)"
        )

    visitor.page.goto(visitor.base_url + idea_path + "flag/")
    visitor.page.locator("form.stacked-form").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "lab-flag-form-fr.png"
    )
    assert fonts[idea_path]
    assert fonts[idea_path + "flag/"]
    for path, families in fonts.items():
        for family in families:
            assert family == body_font, (path, family)
    assert visitor.problems == []


@pytest.mark.browser
def test_idea_page_follow_button_has_room(site, open_browser):
    """The follow button touched the report link below it, and the card's
    h3 came right after the page's h1."""
    visitor = open_browser(
        site.base_urls[0], viewport=DESKTOP_VIEWPORT, bypass_csp=True
    )
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    visitor.goto(first_idea_path(visitor))
    follow = visitor.page.locator("section[aria-labelledby=follow-heading]")

    button = follow.locator("#follow-form button").bounding_box()
    link = follow.locator("#follow-form ~ p a").first.bounding_box()
    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate(
        "async () => await axe.run(document, {runOnly: ['heading-order']})"
    )

    follow.screenshot(caret="initial", path=ARTIFACTS_DIR / "lab-idea-follow-fr.png")
    assert link["y"] - (button["y"] + button["height"]) >= 8, (button, link)
    assert results["violations"] == [], describe_violations(results["violations"])
    assert visitor.problems == []


@pytest.mark.browser
def test_idea_card_follows_back_link(site, open_browser):
    """The empty live element took a grid row, which doubled the blank space
    above the idea. Its connection notice still shows when the socket
    drops."""
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    # Once the socket is open, board.js no longer hides the notice shown below.
    visitor.open_live_board(first_idea_path(visitor))
    page = visitor.page

    # The blank space above the idea, below what precedes it on screen (the
    # back link, or the phase of a challenge).
    gap = page.evaluate(
        """() => {
            const live = document.getElementById('idea-live');
            let previous = live.previousElementSibling;
            while (previous && previous.getBoundingClientRect().height === 0) {
                previous = previous.previousElementSibling;
            }
            return live.getBoundingClientRect().top
                - previous.getBoundingClientRect().bottom;
        }"""
    )
    page.evaluate(
        """() => {
            const notice = document.getElementById('board-connection');
            notice.textContent = 'Test';
            notice.hidden = false;
        }"""
    )
    notice = page.locator("#board-connection").bounding_box()

    assert 0 < gap <= 40, gap
    assert notice is not None
    assert notice["height"] > 0
    assert visitor.problems == []


@pytest.mark.browser
def test_join_team_help_has_room(site, open_browser):
    """The help under "Demander à rejoindre l'équipe" touched the button."""
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(CHALLENGE_PATH)
    visitor.goto(first_idea_path(visitor))
    team = visitor.page.locator("section.idea-team")

    button = team.locator("form button").last.bounding_box()
    help_text = team.locator("form + .help-text").bounding_box()

    team.screenshot(caret="initial", path=ARTIFACTS_DIR / "lab-idea-team-fr.png")
    assert help_text["y"] - (button["y"] + button["height"]) >= 8, (button, help_text)
    assert visitor.problems == []


@pytest.mark.browser
def test_moderation_report_controls_have_room(site, open_browser):
    """A report's link, reason box and buttons were stacked with no room
    between them, under an empty paragraph."""
    reporter = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    reporter.sign_in(SIGNED_IN_EMAIL)
    reporter.goto(CHALLENGE_PATH)
    reporter.goto(first_idea_path(reporter) + "flag/")
    reporter.page.locator("form.stacked-form input[type=radio]").first.check()
    reporter.page.locator("form.stacked-form button[type=submit]").click()
    facilitator = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    facilitator.sign_in(FACILITATOR_EMAIL)
    facilitator.goto("/lab/moderation/")
    report = facilitator.page.locator(
        "section[aria-labelledby=flags-heading] .moderation__item"
    ).first

    parts = report.locator("a, textarea, button").evaluate_all(
        "parts => parts.map(part => part.getBoundingClientRect().toJSON())"
    )
    empty_paragraphs = report.locator("p").evaluate_all(
        "paragraphs => paragraphs.filter(p => p.textContent.trim() === '').length"
    )

    report.screenshot(caret="initial", path=ARTIFACTS_DIR / "lab-moderation-fr.png")
    assert len(parts) == 4
    for above, below in zip(parts, parts[1:], strict=False):
        assert below["top"] - above["bottom"] >= 8, (above, below)
    assert empty_paragraphs == 0
    assert reporter.problems == []
    assert facilitator.problems == []


@pytest.mark.browser
def test_notification_legend_inside_fieldset(site, open_browser):
    """Drawn on the border, the e-mail preference's legend wrapped across it
    on a phone."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(NOTIFICATIONS_PATH)
    fieldset = visitor.page.locator(".notifications__preference fieldset")

    fieldset_box = fieldset.bounding_box()
    legend_box = fieldset.locator("legend").bounding_box()
    border = float(fieldset.evaluate("f => getComputedStyle(f).borderTopWidth")[:-2])

    fieldset.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "lab-notification-preference-mobile.png"
    )
    assert legend_box["height"] > 30, "the legend no longer wraps on a phone"
    assert legend_box["y"] >= fieldset_box["y"] + border, (fieldset_box, legend_box)
    assert visitor.problems == []


# Returns the width of the search field's placeholder in the field's font and
# the room for text inside its padding.
PLACEHOLDER_ROOM = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    return {
        width: context.measureText(input.placeholder).width,
        room: input.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight),
    };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_signed_out_search_shows_placeholder(site, open_browser, language):
    """Beside the sign-in link, the search field showed only "Rec"."""
    visitor = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    visitor.goto(HOME_PATHS[language])
    header = visitor.page.locator(".site-header")

    measure = visitor.page.locator("#site-search").evaluate(PLACEHOLDER_ROOM)
    boxes = header.evaluate(HEADER_BOXES)
    page_width = visitor.page.evaluate("document.documentElement.scrollWidth")

    header.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / f"header-signed-out-{language}-mobile.png",
    )
    assert measure["width"] <= measure["room"], measure
    assert page_width <= PHONE_VIEWPORT["width"]
    items = [boxes["brand"], *boxes["tool_items"]]
    for index, item in enumerate(items):
        assert item["right"] <= PHONE_VIEWPORT["width"], item
        for other in items[index + 1 :]:
            assert not overlaps(item, other), (item, other)
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_signed_out_header_is_one_row(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], viewport={"width": 1366, "height": 800})
    visitor.goto(HOME_PATHS[language])
    header = visitor.page.locator(".site-header")

    boxes = header.evaluate(HEADER_BOXES)
    measure = visitor.page.locator("#site-search").evaluate(PLACEHOLDER_ROOM)

    header.screenshot(
        caret="initial", path=ARTIFACTS_DIR / f"header-signed-out-{language}.png"
    )
    assert measure["width"] <= measure["room"], measure
    assert boxes["tools"]["top"] < boxes["brand"]["bottom"], boxes
    first_tool = boxes["tool_items"][0]
    for tool in boxes["tool_items"]:
        assert tool["top"] < first_tool["bottom"], boxes["tool_items"]
    assert visitor.problems == []


@pytest.mark.browser
def test_reservation_date_fields_align(site, open_browser):
    """The return day's help text sat above its input and pushed it below
    the pick-up day's input."""
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto("/boutique/reserver/")
    row = visitor.page.locator("#reservation-form .field-row")

    start = row.locator("#id_start_date").bounding_box()
    end = row.locator("#id_end_date").bounding_box()
    help_text = row.locator("#id_end_date_helptext").bounding_box()

    row.screenshot(caret="initial", path=ARTIFACTS_DIR / "store-reservation-dates.png")
    assert end["x"] > start["x"] + start["width"], "the fields no longer share a row"
    assert abs(end["y"] - start["y"]) < 1, (start, end)
    assert help_text["y"] >= end["y"] + end["height"], (end, help_text)
    assert visitor.problems == []


@pytest.mark.browser
def test_long_withdrawal_explanation_fits_phone(site, open_browser):
    """An author may type a 2,000-character word as the explanation; the
    timeline wraps it instead of widening the page past a phone's screen."""
    author = open_browser(site.base_urls[0], viewport=PHONE_VIEWPORT)
    author.sign_in(SIGNED_IN_EMAIL)
    author.goto(site.paths["board"]["fr"])
    title = f"Idée retirée sur téléphone {uuid.uuid4().hex[:8]}"
    author.page.get_by_text("Proposer une idée", exact=True).click()
    form = author.page.locator("form#idea-form")
    form.locator("input[name=title]").fill(title)
    form.locator("[type=submit]").click()
    idea_link = author.page.locator("#idea-list article.idea h3 a", has_text=title)
    expect(idea_link).to_be_visible()
    author.goto(idea_link.get_attribute("href"))
    author.page.get_by_role("link", name="Retirer mon idée").click()
    author.page.locator("textarea[name=explanation]").fill("x" * 2000)
    with author.page.expect_navigation():
        author.page.get_by_role("button", name="Retirer l’idée").click()

    page_width = author.page.evaluate("document.documentElement.scrollWidth")

    author.page.locator(".timeline").screenshot(
        path=ARTIFACTS_DIR / "lab-withdrawn-timeline-fr-mobile.png"
    )
    expect(author.page.locator(".timeline__feedback")).to_have_count(1)
    assert page_width <= PHONE_VIEWPORT["width"]
    assert author.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/boutique/aide/", NOTIFICATIONS_PATH])
def test_boxes_and_radios_large_enough(site, open_browser, path):
    visitor = open_browser(site.base_urls[0], viewport=DESKTOP_VIEWPORT)
    visitor.sign_in(SIGNED_IN_EMAIL)
    visitor.goto(path)
    options = visitor.page.locator("main input[type=checkbox], main input[type=radio]")
    expect(options.first).to_be_visible()

    sizes = options.evaluate_all(
        "(inputs) => inputs.map((input) => input.getBoundingClientRect().width)"
    )
    frames = visitor.page.locator("main .field fieldset").evaluate_all(
        "(sets) => sets.map((set) => getComputedStyle(set).borderTopStyle)"
    )

    assert sizes
    assert min(sizes) >= 20, sizes
    assert set(frames) <= {"none"}, frames
