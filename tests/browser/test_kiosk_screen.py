"""The kiosk on a 1920×1080 touch screen: idle reset, no way out, offline,
live content, and memory over many updates."""

import re
from urllib.parse import urlsplit

import pytest

from kiosk.demo import DEMO_SCREEN_PATH
from tests.browser.server import ARTIFACTS_DIR

SCREEN = {"width": 1920, "height": 1080}
SHOTS_DIR = ARTIFACTS_DIR / "kiosk"
IDLE_SECONDS = 90
WARNING_SECONDS = 20
ROTATION_SECONDS = 10
EDITOR_EMAIL = "editeur@example.org"
# Live updates wait for 5 s without a touch, then fetch the page.
UPDATE_TIMEOUT_MS = 20_000


def open_screen(open_browser, site, path: str = DEMO_SCREEN_PATH, clock=False):
    """Open the demo kiosk in a touch context; install the fake clock first."""
    screen = open_browser(site.base_urls[0], viewport=SCREEN, has_touch=True)
    if clock:
        screen.page.clock.install()
    screen.goto(path)
    screen.page.wait_for_function("() => window.smartcornerKiosk !== undefined")
    return screen


def wait_for_view(page, view: str, language: str = "fr") -> None:
    page.wait_for_selector(
        f'#kiosk-app[data-view="{view}"][data-lang="{language}"]', state="attached"
    )


def save_shot(page, name: str) -> None:
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(caret="initial", path=SHOTS_DIR / f"{name}.png")


def resource_card(page, title_start: str):
    return page.locator(".kiosk-card__link").filter(has_text=title_start).first


@pytest.mark.browser
def test_idle_reset_returns_to_attract(site, open_browser):
    screen = open_screen(open_browser, site, clock=True)
    page = screen.page
    start_history = page.evaluate("history.length")
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    page.locator(".kiosk-languages a[lang=en]").tap()
    wait_for_view(page, "resources", "en")
    page.evaluate("window.scrollTo(0, 400)")

    page.clock.run_for((IDLE_SECONDS + 1) * 1000)

    warning = page.locator("#kiosk-idle-warning")
    assert warning.is_visible()
    assert "Are you still there?" in warning.inner_text()
    save_shot(page, "idle-warning-en")
    page.clock.run_for((WARNING_SECONDS + 1) * 1000)
    wait_for_view(page, "home", "fr")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("history.length") == start_history
    assert not warning.is_visible()
    assert screen.problems == []


@pytest.mark.browser
def test_tap_postpones_idle_reset(site, open_browser):
    screen = open_screen(open_browser, site, clock=True)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=3").tap()
    wait_for_view(page, "week")

    page.clock.run_for((IDLE_SECONDS - 10) * 1000)
    # The title, not the middle of the page: the week's cards fill it now.
    page.locator("#kiosk-main .kiosk-title").tap()
    page.clock.run_for((IDLE_SECONDS - 10) * 1000)

    assert page.locator("#kiosk-idle-warning").is_hidden()
    assert page.locator("#kiosk-app").get_attribute("data-view") == "week"
    page.clock.run_for(15 * 1000)
    assert page.locator("#kiosk-idle-warning").is_visible()
    page.locator("#kiosk-idle-warning button").tap()
    assert page.locator("#kiosk-idle-warning").is_hidden()
    assert page.locator("#kiosk-app").get_attribute("data-view") == "week"


@pytest.mark.browser
def test_touch_closing_idle_warning_opens_nothing_underneath(site, open_browser):
    """The warning hides on the touch itself, so the click that ends the
    touch used to reach the card under the finger and open its event."""
    screen = open_screen(open_browser, site, clock=True)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=3").tap()
    wait_for_view(page, "week")
    card = page.locator("#kiosk-app .kiosk-card__link").first
    box = card.bounding_box()
    assert box is not None, "the demo week has no event card"
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate(
        """() => {
          window.__kioskRequests = 0;
          document.addEventListener("htmx:beforeRequest", () => {
            window.__kioskRequests += 1;
          });
        }"""
    )

    page.clock.run_for((IDLE_SECONDS + 1) * 1000)
    assert page.locator("#kiosk-idle-warning").is_visible()
    page.touchscreen.tap(*centre)

    assert page.locator("#kiosk-idle-warning").is_hidden()
    # Time for a request that the click would have sent, in real time: the
    # page's clock is fake.
    page.wait_for_timeout(500)
    assert page.evaluate("window.__kioskRequests") == 0
    assert page.locator("#kiosk-app").get_attribute("data-view") == "week"
    # The next touch on the same card opens it as usual.
    page.touchscreen.tap(*centre)
    wait_for_view(page, "event")
    assert screen.problems == []


KIOSK_VIEWS = [
    ("home", ".kiosk-nav__link >> nth=0"),
    ("resources", ".kiosk-nav__link >> nth=1"),
    ("today", ".kiosk-nav__link >> nth=2"),
    ("week", ".kiosk-nav__link >> nth=3"),
]


def assert_links_stay_in_kiosk(page, base_url: str) -> None:
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert links
    for link in links:
        assert link.startswith(base_url + DEMO_SCREEN_PATH), link


def assert_touch_targets_large(page) -> None:
    """Check that every visible link and button is at least 60 px each way."""
    sizes = page.eval_on_selector_all(
        "#kiosk-app a, #kiosk-app button",
        """targets => targets
          .filter(target => target.offsetParent !== null)
          .map(target => {
            const box = target.getBoundingClientRect();
            return [target.textContent.trim(), box.width, box.height];
          })""",
    )
    small = [size for size in sizes if size[1] < 60 or size[2] < 60]
    assert small == [], f"touch targets under 60 px: {small}"


@pytest.mark.browser
def test_every_link_stays_in_kiosk(site, open_browser):
    screen = open_screen(open_browser, site)
    page = screen.page
    base = site.base_urls[0]

    for view, selector in KIOSK_VIEWS:
        page.locator(selector).tap()
        wait_for_view(page, view)
        assert_links_stay_in_kiosk(page, base)
        assert_touch_targets_large(page)
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    page.locator(".kiosk-card__link").first.tap()
    wait_for_view(page, "resource")
    assert_links_stay_in_kiosk(page, base)
    assert_touch_targets_large(page)

    # A link that an editor's text could still carry is blocked, and so are
    # new windows.
    page.evaluate(
        """() => {
          const link = document.createElement("a");
          link.href = "https://example.org/";
          link.id = "foreign";
          link.textContent = "ailleurs";
          document.getElementById("kiosk-main").append(link);
        }"""
    )
    page.locator("#foreign").tap()
    page.wait_for_timeout(300)
    assert urlsplit(page.url).netloc == urlsplit(base).netloc
    assert page.evaluate("window.open('https://example.org/')") is None
    assert len(screen.context.pages) == 1
    assert screen.problems == []


@pytest.mark.browser
def test_tap_during_live_update_keeps_visitor_view(site, open_browser):
    """A content update that was already loading must not undo a tap."""
    screen = open_screen(open_browser, site)
    page = screen.page
    # Hold the script's reload of the home view for 1.5 s; htmx's own
    # requests go through XMLHttpRequest and are not slowed.
    page.evaluate(
        """() => {
          const homeUrl = document.body.dataset.homeUrl;
          const realFetch = window.fetch.bind(window);
          window.fetch = async (url, options) => {
            const response = await realFetch(url, options);
            if (String(url) === homeUrl) {
              await new Promise((resolve) => setTimeout(resolve, 1500));
            }
            return response;
          };
          window.smartcornerKiosk.applyNow(99_999);
        }"""
    )
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    page.wait_for_timeout(2500)
    assert page.locator("#kiosk-app").get_attribute("data-view") == "resources"
    assert screen.problems == []


@pytest.mark.browser
def test_external_resource_shows_qr_code(site, open_browser):
    screen = open_screen(open_browser, site)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")

    resource_card(page, "Référentiel général").tap()
    wait_for_view(page, "resource")

    qr_codes = page.locator(".kiosk-qr")
    assert qr_codes.count() >= 1
    assert qr_codes.first.locator("svg path").count() >= 1
    short_url = qr_codes.first.locator(".kiosk-qr__url").inner_text()
    assert re.fullmatch(
        re.escape(site.base_urls[0]) + r"/kiosk/r/[a-z0-9]+/", short_url
    )
    assert page.locator('a[href^="https://accessibilite"]').count() == 0
    scan = screen.context.request.get(short_url, max_redirects=0)
    assert scan.status == 302
    assert scan.headers["location"] == "https://accessibilite.numerique.gouv.fr/"
    save_shot(page, "resource-qr-fr")


@pytest.mark.browser
def test_offline_keeps_content_and_shows_banner(site, open_browser):
    screen = open_screen(open_browser, site)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    cards_before = page.locator(".kiosk-card").count()

    screen.context.set_offline(True)
    page.locator(".kiosk-nav__link >> nth=2").tap()

    banner = page.locator("#kiosk-offline")
    banner.wait_for(state="visible")
    assert re.search(r"Hors ligne depuis \d\d:\d\d", banner.inner_text())
    assert page.locator("#kiosk-app").get_attribute("data-view") == "resources"
    assert page.locator(".kiosk-card").count() == cards_before
    save_shot(page, "offline-fr")

    screen.context.set_offline(False)
    # The retry finds /healthz answering and reloads the home screen.
    banner.wait_for(state="hidden", timeout=30_000)
    wait_for_view(page, "home")


def unpublish_in_admin(editor, page_id: int) -> None:
    editor.goto(f"/admin/pages/{page_id}/unpublish/")
    with editor.page.expect_navigation():
        editor.page.locator("main form [type=submit]").first.click()


def publish_in_admin(editor, page_id: int) -> None:
    editor.goto(f"/admin/pages/{page_id}/edit/")
    # The publish button sits in the footer's action menu; a script click
    # submits the form as the button does.
    with editor.page.expect_navigation():
        editor.page.evaluate(
            "document.querySelector('button[name=action-publish]').click()"
        )


@pytest.mark.browser
def test_publishing_updates_screen_without_reload(site, open_browser):
    screen = open_screen(open_browser, site)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    card = resource_card(page, "Guide d’hygiène")
    page_id = int(card.get_attribute("data-page-id"))
    page.evaluate("window.__sameDocument = true")
    # With Redis there are two servers: the editor publishes through the
    # other one, so the update crosses processes through the channel layer.
    editor = open_browser(site.base_urls[-1])
    editor.sign_in(EDITOR_EMAIL)

    unpublish_in_admin(editor, page_id)

    selector = f'.kiosk-card__link[data-page-id="{page_id}"]'
    page.wait_for_selector(selector, state="detached", timeout=UPDATE_TIMEOUT_MS)
    publish_in_admin(editor, page_id)
    page.wait_for_selector(selector, state="attached", timeout=UPDATE_TIMEOUT_MS)
    assert page.evaluate("window.__sameDocument") is True
    assert screen.problems == []


def read_metrics(cdp) -> dict[str, float]:
    # Detached DOM nodes can outlive one collection; three make the figures
    # steadier.
    for _attempt in range(3):
        cdp.send("HeapProfiler.collectGarbage")
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return {metric["name"]: metric["value"] for metric in metrics}


def run_update_cycles(page, count: int, first_version: int) -> None:
    """Apply ``count`` content versions one after the other.

    A key press every 20 updates stands for a visitor at the screen: on a slow
    machine the cycles outlast the idle delay, and the reset to the home view
    would change the node count the test compares.
    """
    page.evaluate(
        """async ([count, first]) => {
          for (let index = 0; index < count; index += 1) {
            if (index % 20 === 0) {
              document.dispatchEvent(new KeyboardEvent("keydown", { key: "Shift" }));
            }
            await window.smartcornerKiosk.applyNow(first + index);
          }
        }""",
        [count, first_version],
    )


@pytest.mark.browser
def test_500_updates_keep_memory_flat(site, open_browser):
    screen = open_screen(open_browser, site)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("HeapProfiler.enable")
    # Warm up, so that caches and compiled code count in the starting figures.
    run_update_cycles(page, 30, 10_000)
    start = read_metrics(cdp)
    cards_before = page.locator(".kiosk-card").count()

    run_update_cycles(page, 500, 20_000)

    end = read_metrics(cdp)
    # Content is compared directly: the node count also includes detached
    # nodes that the browser frees when it likes, so it may fall.
    assert page.locator("#kiosk-app").get_attribute("data-view") == "resources"
    assert cards_before > 0
    assert page.locator(".kiosk-card").count() == cards_before
    # One replaced view may still wait for the collector, because CI measured
    # 735 or 1,069 nodes at either end. A leak would keep hundreds of views.
    view_nodes = page.evaluate("document.querySelectorAll('#kiosk-app *').length + 1")
    allowed = {"Nodes": view_nodes}
    for name in ("Nodes", "JSEventListeners", "JSHeapUsedSize"):
        limit = start[name] * 1.10 + allowed.get(name, 0)
        assert end[name] <= limit, (
            f"{name} grew from {start[name]:.0f} to {end[name]:.0f} over 500 updates"
        )


@pytest.mark.browser
def test_highlights_rotate_and_one_session_per_visit(site, open_browser):
    screen = open_screen(open_browser, site, clock=True)
    page = screen.page
    session_posts = []
    page.on(
        "request",
        lambda request: (
            session_posts.append(request.url)
            if request.method == "POST" and request.url.endswith("/sessions/")
            else None
        ),
    )
    slides = page.locator(".kiosk-slide")
    assert slides.count() > 1
    first_title = page.locator(".kiosk-slide:not([hidden]) h3").inner_text()

    page.clock.run_for(ROTATION_SECONDS * 1000 + 500)

    assert page.locator(".kiosk-slide:not([hidden])").count() == 1
    assert page.locator(".kiosk-slide:not([hidden]) h3").inner_text() != first_title
    page.locator(".kiosk-nav__link >> nth=1").tap()
    wait_for_view(page, "resources")
    page.locator(".kiosk-nav__link >> nth=2").tap()
    wait_for_view(page, "today")
    page.wait_for_timeout(500)
    assert len(session_posts) == 1


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_kiosk_home_tiles_share_height(site, open_browser, language):
    """A tile whose text wrapped grew taller than the other two in its row."""
    screen = open_browser(site.base_urls[0], viewport=SCREEN, has_touch=True)
    screen.goto(DEMO_SCREEN_PATH if language == "fr" else DEMO_SCREEN_PATH + "en/")

    heights = screen.page.evaluate(
        """() => [...document.querySelectorAll('.kiosk-tile')]
          .map((tile) => Math.round(tile.getBoundingClientRect().height))"""
    )

    assert len(heights) == 3
    assert len(set(heights)) == 1, heights


@pytest.mark.browser
def test_week_days_side_by_side(site, open_browser):
    """On the 1920-pixel screen the week reads as a planner, a column per day."""
    screen = open_screen(open_browser, site)
    page = screen.page
    page.locator(".kiosk-nav__link >> nth=3").tap()
    wait_for_view(page, "week")

    columns = page.locator(".kiosk-week").evaluate(
        "(week) => getComputedStyle(week).gridTemplateColumns.split(' ').length"
    )
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.kiosk-week .kiosk-day')]
          .slice(0, 2).map((day) => Math.round(day.getBoundingClientRect().top))"""
    )

    save_shot(page, "week")
    assert columns >= 4
    if len(tops) == 2:
        assert tops[0] == tops[1]
    assert screen.problems == []
