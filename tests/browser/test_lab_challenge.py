"""The Smart Lab challenge in a browser: live comments and votes, typed text
kept, the projection view following a phase change, axe-core scans."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    LOCALES,
    describe_violations,
)

# Generous: the machine running the tests is shared, and a comment also
# notifies followers before its live message leaves.
LIVE_UPDATE_DEADLINE_MS = 5_000
CHALLENGE_SLUGS = {"fr": "defi-accueil-usagers", "en": "challenge-welcoming-residents"}
FACILITATOR_EMAIL = "animateur@example.org"
PARTICIPANT_EMAIL = "agent@example.org"
PARTNER_EMAIL = "partenaire@example.org"


def challenge_path(site, language: str) -> str:
    """The demo challenge sits beside the demo board, under the Smart Lab page."""
    board_path = site.paths["board"][language]
    return board_path.rstrip("/").rsplit("/", 1)[0] + f"/{CHALLENGE_SLUGS[language]}/"


def first_idea_path(person: BrowserUser) -> str:
    link = person.page.locator("#idea-list article.idea h3 a").first
    return link.get_attribute("href")


def projection_path(facilitator: BrowserUser) -> str:
    return facilitator.page.locator("a[href*='/projection/']").first.get_attribute(
        "href"
    )


def screenshot(person: BrowserUser, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(
        caret="initial", path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True
    )


@pytest.mark.browser
def test_comment_and_vote_reach_other_person_live(site, open_browser):
    actor = open_browser(site.base_urls[0])
    watcher = open_browser(site.base_urls[-1])
    actor.sign_in(PARTNER_EMAIL)
    watcher.sign_in(PARTICIPANT_EMAIL)
    frames = []
    watcher.page.on(
        "websocket",
        # Playwright needs a Python function here, not a built-in method.
        lambda socket: socket.on(
            "framereceived",
            lambda frame: frames.append(frame),  # noqa: PLW0108
        ),
    )
    watcher.goto(challenge_path(site, "fr"))
    idea_path = first_idea_path(watcher)
    watcher.open_live_board(idea_path)
    actor.open_live_board(idea_path)
    watcher.page.evaluate("window.__notReloaded = true")
    draft = "Je suis en train d’écrire…"
    watcher.page.locator("#comment-form textarea").fill(draft)
    votes = watcher.page.locator("[id$='-votes']").first
    before = int(re.sub(r"\D", "", votes.inner_text()) or 0)
    text = f"Commentaire en direct {uuid.uuid4().hex[:6]}"

    actor.page.locator("#comment-form textarea").fill(text)
    actor.page.locator("#comment-form [type=submit]").click()
    button = actor.page.locator("button.vote-button").first
    if button.get_attribute("aria-pressed") == "true":
        button.click()
        expect(button).to_have_attribute("aria-pressed", "false")
        before -= 1
    actor.page.locator("button.vote-button").first.click()

    try:
        expect(watcher.page.locator(".comment", has_text=text)).to_have_count(
            1, timeout=LIVE_UPDATE_DEADLINE_MS
        )
    except AssertionError as error:
        received = "\n".join(str(frame)[:200] for frame in frames)
        raise AssertionError(f"{error}\nframes received:\n{received}") from None
    expect(votes).to_have_text(str(before + 1), timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(actor.page.locator(".comment", has_text=text)).to_have_count(1)
    expect(watcher.page.locator("#comment-form textarea")).to_have_value(draft)
    assert watcher.page.evaluate("window.__notReloaded === true")
    screenshot(watcher, "lab-idea-live-comment")
    assert actor.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_projection_follows_phase_change(site, open_browser):
    screen = open_browser(site.base_urls[0], viewport={"width": 1600, "height": 900})
    phone = open_browser(site.base_urls[-1], viewport={"width": 390, "height": 800})
    screen.sign_in(FACILITATOR_EMAIL)
    phone.sign_in(FACILITATOR_EMAIL)
    screen.goto(challenge_path(site, "fr"))
    screen.open_live_board(projection_path(screen))
    phone.goto(challenge_path(site, "fr"))
    phone.page.locator("a[href*='/phase/']").first.click()
    banner = screen.page.locator("#challenge-phase")
    current = banner.get_attribute("data-phase")
    next_phase = "voting" if current != "voting" else "results"

    phone.page.locator("select[name=phase]").select_option(next_phase)
    phone.page.locator("input[name=minutes]").fill("5")
    phone.page.locator(".phase-control__form [type=submit]").click()

    expect(banner).to_have_attribute(
        "data-phase", next_phase, timeout=LIVE_UPDATE_DEADLINE_MS
    )
    expect(screen.page.locator("time[data-countdown]")).to_have_text(
        re.compile(r"^[45]\u202fmin \d\d\u202fs$"), timeout=LIVE_UPDATE_DEADLINE_MS
    )
    screenshot(screen, "lab-projection")
    screenshot(phone, "lab-phase-phone")
    phone.page.locator("select[name=phase]").select_option("submission")
    phone.page.locator(".phase-control__form [type=submit]").click()
    expect(banner).to_have_attribute(
        "data-phase", "submission", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert screen.problems == []
    assert phone.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_phase_page_fields_styled(site, open_browser, width):
    facilitator = open_browser(
        site.base_urls[0], viewport={"width": width, "height": 900}
    )
    facilitator.sign_in(FACILITATOR_EMAIL)
    facilitator.goto(challenge_path(site, "fr"))
    facilitator.page.locator("a[href*='/phase/']").first.click()
    select = facilitator.page.locator("select[name=phase]")
    minutes = facilitator.page.locator("input[name=minutes]")
    expect(select).to_be_visible()

    screenshot(facilitator, f"lab-phase-{width}")

    # The site's .field rules give inputs a 2 px border and padding, which
    # makes them at least 40 px high where the browser's own are about 20.
    assert select.bounding_box()["height"] >= 40
    assert minutes.bounding_box()["height"] >= 40
    assert facilitator.problems == []


def scan(person: BrowserUser) -> list[dict]:
    person.page.add_script_tag(path=AXE_PATH)
    results = person.page.evaluate("async () => await axe.run(document)")
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_lab_pages_have_no_serious_axe_violation(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    visitor.sign_in(FACILITATOR_EMAIL, language=language)
    pages = {"challenge": challenge_path(site, language)}
    visitor.goto(pages["challenge"])
    pages["idea"] = first_idea_path(visitor)
    pages["projection"] = projection_path(visitor)
    if language == "en":
        pages = {
            kind: path if path.startswith("/en/") else "/en" + path
            for kind, path in pages.items()
        }

    found = {}
    for kind, path in pages.items():
        visitor.goto(path)
        screenshot(visitor, f"lab-{kind}-{language}")
        found[kind] = scan(visitor)

    for kind, blocking in found.items():
        assert blocking == [], (
            f"axe found serious or critical violations on the {kind} "
            f"({language}):\n{describe_violations(blocking)}"
        )


def font_size(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


@pytest.mark.browser
def test_projection_readable_and_full_screen(site, open_browser):
    screen = open_browser(site.base_urls[0], viewport={"width": 1920, "height": 1080})
    screen.sign_in(FACILITATOR_EMAIL)
    screen.goto(challenge_path(site, "fr"))
    screen.open_live_board(projection_path(screen))
    page = screen.page
    title = page.locator("#idea-list .idea__title").first
    button = page.get_by_role("button", name="Plein écran")

    button.click()

    expect(page.get_by_role("button", name="Quitter le plein écran")).to_be_visible()
    assert page.evaluate("document.fullscreenElement !== null")
    screenshot(screen, "lab-projection-1080")
    # Sizes for a screen read from a few metres away.
    assert font_size(title) >= 28
    assert font_size(page.locator("#idea-list .idea__meta").first) >= 20
    assert font_size(page.locator("#idea-list .idea__votes").first) < font_size(title)
    assert font_size(page.locator("#idea-list .idea__tags li").first) >= 18
    decoration = title.locator("a").evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert decoration == "none"
    back = page.locator(".projection__back")
    assert back.get_attribute("href") == challenge_path(site, "fr")
    assert screen.problems == []


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_projection_shows_whole_first_row(site, open_browser, width, height):
    screen = open_browser(
        site.base_urls[0], viewport={"width": width, "height": height}
    )
    screen.sign_in(FACILITATOR_EMAIL)
    screen.goto(challenge_path(site, "fr"))
    screen.open_live_board(projection_path(screen))
    page = screen.page
    card = page.locator("#idea-list .idea").first
    title = card.locator(".idea__title").bounding_box()
    votes = card.locator(".idea__votes").bounding_box()

    screenshot(screen, f"lab-projection-{height}")
    # The count sits beside the title, where the audience watches it change.
    assert votes["y"] < title["y"] + title["height"]
    assert votes["x"] >= title["x"] + title["width"]
    assert votes["y"] + votes["height"] <= height
    assert title["y"] + title["height"] <= height
    assert screen.problems == []
