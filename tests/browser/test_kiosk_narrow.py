"""The kiosk on a portrait tablet or a phone, and its carousel's pause button."""

import re

import pytest
from playwright.sync_api import expect

from kiosk.demo import DEMO_SCREEN_PATH
from tests.browser.server import ARTIFACTS_DIR

PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1920, "height": 1080}
ROTATION_MS = 10_000
SHOTS_DIR = ARTIFACTS_DIR / "kiosk"
PAUSE_NAMES = {"fr": "Mettre en pause le défilement", "en": "Pause the slides"}
PLAY_NAMES = {"fr": "Reprendre le défilement", "en": "Play the slides"}


def kiosk_path(language: str) -> str:
    return DEMO_SCREEN_PATH if language == "fr" else DEMO_SCREEN_PATH + "en/"


def visible_slide_title(page) -> str:
    return page.locator(".kiosk-slide:not([hidden]) .kiosk-slide__title").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_kiosk_fits_390_px(site, open_browser, language):
    screen = open_browser(site.base_urls[0], viewport=PHONE, has_touch=True)
    screen.goto(kiosk_path(language))

    page_width = screen.page.evaluate("document.documentElement.scrollWidth")
    outside = screen.page.evaluate(
        """() => [...document.querySelectorAll('a, button, h1, .kiosk-place')]
          .filter((element) => element.getClientRects().length)
          .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
          .map((element) => element.outerHTML.slice(0, 80))"""
    )
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    screen.page.screenshot(
        caret="initial", path=SHOTS_DIR / f"kiosk-390-{language}.png", full_page=True
    )

    assert page_width <= PHONE["width"]
    assert outside == []
    assert screen.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_kiosk_pause_button_stops_rotation(site, open_browser, language):
    screen = open_browser(site.base_urls[0], viewport=SCREEN, has_touch=True)
    screen.page.clock.install()
    screen.goto(kiosk_path(language))
    page = screen.page
    page.wait_for_function("() => window.smartcornerKiosk !== undefined")
    button = page.get_by_role("button", name=PAUSE_NAMES[language])
    first_title = visible_slide_title(page)

    button.click()
    page.mouse.move(0, SCREEN["height"] - 1)
    page.clock.run_for(ROTATION_MS * 3)

    play = page.get_by_role("button", name=PLAY_NAMES[language])
    expect(play).to_be_visible()
    assert visible_slide_title(page) == first_title
    play.click()
    page.mouse.move(0, SCREEN["height"] - 1)
    page.clock.run_for(ROTATION_MS + 500)
    assert visible_slide_title(page) != first_title


@pytest.mark.browser
def test_kiosk_rotation_holds_on_hover(site, open_browser):
    screen = open_browser(site.base_urls[0], viewport=SCREEN)
    screen.page.clock.install()
    screen.goto(DEMO_SCREEN_PATH)
    page = screen.page
    page.wait_for_function("() => window.smartcornerKiosk !== undefined")
    first_title = visible_slide_title(page)

    page.locator(".kiosk-highlights").hover()
    page.clock.run_for(ROTATION_MS * 2 + 500)

    assert visible_slide_title(page) == first_title
    expect(page.locator(".kiosk-highlights__rotation")).to_have_text(
        re.compile("défilement")
    )


# Returns the words of the tile titles that the browser split over two lines:
# a word whose Range has more than one line box.
SPLIT_TITLE_WORDS = """() => {
  const split = [];
  for (const title of document.querySelectorAll('.kiosk-tile__title')) {
    const text = title.firstChild;
    for (const match of text.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const tops = [...range.getClientRects()].map((box) => Math.round(box.top));
      const lines = new Set(tops);
      if (lines.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1024, 1366, 1920])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_kiosk_tile_titles_keep_words_whole(site, open_browser, language, width):
    screen = open_browser(
        site.base_urls[0], viewport={"width": width, "height": 800}, has_touch=True
    )

    screen.goto(kiosk_path(language))

    tiles = screen.page.locator(".kiosk-tiles")
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    tiles.screenshot(path=SHOTS_DIR / f"kiosk-tiles-{width}-{language}.png")
    assert screen.page.locator(".kiosk-tile__title").count() == 3
    assert screen.page.evaluate(SPLIT_TITLE_WORDS) == []
    assert screen.problems == []
