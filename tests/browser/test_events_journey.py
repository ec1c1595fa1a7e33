"""Browser journeys of the programme: register, find it in My programme,
cancel; filter the programme with htmx; screenshots of the event pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR

EVENT_PATH = "/programme/table-ronde-dematerialisation/"
MY_PROGRAMME_PATH = "/programme/mon-programme/"
PROGRAMME_PATH = "/programme/"
# The demo's masterclass with three seats taken and one person waiting.
FULL_EVENT_PATH = "/programme/masterclass-ia-generative/"
# A demo account that seed_demo registers for nothing, so the journey
# starts from a clean state.
EMAIL = "agent3@example.org"


@pytest.mark.browser
def test_register_find_and_cancel(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(EMAIL)
    page = visitor.page
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)

    visitor.goto(EVENT_PATH)
    title = page.locator("h1").inner_text()
    panel = page.locator("#registration")
    panel.get_by_role("button", name="S’inscrire").click()
    expect(
        panel.get_by_text("Votre inscription est confirmée.", exact=False).first
    ).to_be_visible()
    page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / "events-registered-fr.png", full_page=True
    )

    visitor.goto(MY_PROGRAMME_PATH)
    entry = page.locator(".my-registration").filter(has_text=title)
    expect(entry).to_have_count(1)
    expect(entry.locator("img.my-registration__qr")).to_be_visible()
    page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / "events-my-programme-fr.png",
        full_page=True,
    )
    entry.locator("summary", has_text="Annuler").click()
    expect(entry.locator(".confirm-action__form")).to_contain_text(
        "Votre place sera libérée"
    )
    with page.expect_navigation():
        entry.get_by_role("button", name=re.compile("^Confirmer l’annulation")).click()

    expect(page.locator(".messages")).to_contain_text("Votre inscription est annulée.")
    expect(page.locator(".my-registration").filter(has_text=title)).to_have_count(0)
    assert visitor.problems == []


@pytest.mark.browser
def test_cancel_full_event_asks_first(site, open_browser):
    # agent2 has a seat at the demo's full masterclass, and agent waits for one.
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in("agent2@example.org")
    page = visitor.page
    visitor.goto(FULL_EVENT_PATH)
    panel = page.locator("#registration")
    confirm = panel.get_by_role("button", name="Confirmer l’annulation")
    expect(confirm).to_be_hidden()

    panel.locator("summary", has_text="Annuler mon inscription").click()

    expect(confirm).to_be_visible()
    expect(panel).to_contain_text("Votre inscription est confirmée.")
    expect(panel.locator(".confirm-action__form")).to_contain_text(
        "Votre place ira aussitôt à la personne suivante sur la liste d’attente"
    )
    page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / "events-cancel-confirm-fr.png",
        full_page=True,
    )
    url_before = page.url
    confirm.click()
    expect(panel.locator(".message--success")).to_contain_text(
        "Votre inscription est annulée."
    )
    assert page.url == url_before
    join = panel.get_by_role("button", name="M’inscrire sur la liste d’attente")
    expect(join).to_be_visible()
    assert visitor.problems == []


# Measures where the first dash after a past entry's title sits, next to the
# title's last letter: the gap between them and whether they share a line.
DASH_AFTER_TITLE = """item => {
    const title = item.querySelector("a").firstChild;
    const text = item.querySelector("a").nextSibling;
    const lastLetter = document.createRange();
    lastLetter.setStart(title, title.length - 1);
    lastLetter.setEnd(title, title.length);
    const dash = document.createRange();
    dash.setStart(text, text.data.indexOf("–"));
    dash.setEnd(text, text.data.indexOf("–") + 1);
    const before = lastLetter.getBoundingClientRect();
    const after = dash.getBoundingClientRect();
    return {gap: after.left - before.right, lineShift: after.top - before.top};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_past_event_line_keeps_dash_after_title(site, open_browser, width):
    visitor = open_browser(site.base_urls[0], viewport={"width": width, "height": 900})
    visitor.sign_in("agent@example.org")
    visitor.goto(MY_PROGRAMME_PATH)
    past = visitor.page.locator(".my-registrations--past .my-registration").first
    expect(past).to_be_visible()

    position = past.evaluate(DASH_AFTER_TITLE)

    # A no-break space separates them: about a quarter of the font size.
    assert position["gap"] < 10, position
    assert abs(position["lineShift"]) < 2, position


@pytest.mark.browser
def test_programme_filter_pushes_url(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    page = visitor.page
    visitor.goto(PROGRAMME_PATH)

    page.select_option("#filter-kind", "digital_cafe")

    # The form sends its empty fields too; the pushed URL leaves them out.
    expect(page).to_have_url(f"{site.base_urls[0]}{PROGRAMME_PATH}?kind=digital_cafe")
    cards = page.locator("#programme-results .event-card")
    expect(cards.first).to_be_visible()
    kinds = cards.evaluate_all("cards => cards.map(card => card.className)")
    assert kinds
    assert all("event-card--digital_cafe" in kind for kind in kinds)
    # caret="initial": Playwright 1.65 hides the caret by setting caret-color
    # on every input, which leaves an empty style attribute. Going back makes
    # htmx swap in the whole page, and it copies that attribute onto the
    # inputs that keep their id (the site search), which the CSP blocks.
    page.screenshot(
        path=ARTIFACTS_DIR / "events-programme-filtered-fr.png", caret="initial"
    )
    page.go_back()

    expect(page).not_to_have_url(re.compile(r"kind="))
    # The URL changes at once; htmx then fetches the page and swaps its body.
    expect(page.locator("#filter-kind")).to_have_value("")
    other_kinds = page.locator(
        "#programme-results .event-card:not(.event-card--digital_cafe)"
    )
    expect(other_kinds.first).to_be_visible()
    assert visitor.problems == []


@pytest.mark.browser
def test_programme_filter_without_javascript(site, open_browser):
    visitor = open_browser(site.base_urls[0], java_script_enabled=False)
    page = visitor.page
    visitor.goto(PROGRAMME_PATH)

    page.select_option("#filter-audience", "open")
    with page.expect_navigation():
        page.locator(".programme-filters [type=submit]").click()

    expect(page).to_have_url(f"{site.base_urls[0]}{PROGRAMME_PATH}?audience=open")
    expect(page.locator("#filter-audience")).to_have_value("open")
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "en"])
def test_calendar_screenshot(site, open_browser, language):
    prefix = "" if language == "fr" else "/en"
    visitor = open_browser(
        site.base_urls[0], locale="fr-FR" if language == "fr" else "en-GB"
    )

    visitor.goto(f"{prefix}/programme/calendrier/")
    expect(visitor.page.locator("table.month-calendar")).to_be_visible()
    visitor.page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / f"events-calendar-{language}.png",
        full_page=True,
    )

    assert visitor.problems == []


@pytest.mark.browser
def test_calendar_names_weekdays_on_phone(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport={"width": 390, "height": 844})

    visitor.goto("/programme/calendrier/")

    first_day = visitor.page.locator(
        ".month-calendar__day:not(.month-calendar__day--other)"
    ).first
    weekday = first_day.locator(".month-calendar__weekday")
    expect(weekday).to_be_visible()
    expect(weekday).to_have_text(re.compile(r"^(lun|mar|mer|jeu|ven|sam|dim)\.$"))
    visitor.page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / "events-calendar-fr-390.png",
        full_page=True,
    )
    assert visitor.problems == []


@pytest.mark.browser
def test_calendar_hides_cell_weekdays_on_desktop(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport={"width": 1280, "height": 900})

    visitor.goto("/programme/calendrier/")

    expect(visitor.page.locator("table.month-calendar thead")).to_be_visible()
    expect(visitor.page.locator(".month-calendar__weekday").first).to_be_hidden()


def get_event_id(visitor, event_path: str) -> str:
    """Read an event's page id from its .ics link."""
    visitor.goto(event_path)
    href = visitor.page.locator("a[href$='/evenement.ics']").first.get_attribute("href")
    match = re.search(r"/programme/(\d+)/evenement\.ics$", href or "")
    assert match, f"no .ics link on {event_path}"
    return match.group(1)


@pytest.mark.browser
def test_check_in_on_phone(site, open_browser):
    visitor = open_browser(site.base_urls[0], viewport={"width": 390, "height": 844})
    visitor.sign_in("editeur@example.org")
    page = visitor.page
    event_id = get_event_id(visitor, "/programme/masterclass-ia-generative/")

    visitor.goto(f"/programme/{event_id}/pointage/")
    rows = page.locator(".checkin-row")
    expect(rows.first).to_be_visible()
    first = rows.nth(0)
    first.locator("button[data-present='false']").click()
    expect(first.locator("button")).to_have_attribute("data-present", "true")
    expect(first.locator(".checkin-row__state")).to_have_text("✓ Présence enregistrée")

    second = page.locator(".checkin-row").nth(1)
    code = second.locator(".checkin-row__code").inner_text().strip()
    page.fill("#id_code", code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer la présence", exact=True).click()

    expect(page.locator(f".checkin-row--present:has-text('{code}')")).to_have_count(1)
    expect(page.locator(".messages")).to_contain_text("Présence enregistrée")
    page.screenshot(
        caret="initial",
        path=ARTIFACTS_DIR / "events-checkin-fr-mobile.png",
        full_page=True,
    )
    assert visitor.problems == []


# Measures the selected option's text with the select's own font, because a
# select cuts its text without overflowing (its scrollWidth stays its width).
SELECTED_TEXT_FITS = """select => {
    const style = getComputedStyle(select);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const text = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    return {text: text, width: context.measureText(text).width, room: room};
}"""


@pytest.mark.browser
def test_calendar_quarter_filter_shows_whole_label(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    page = visitor.page
    visitor.goto(PROGRAMME_PATH)
    visitor.goto(page.locator(".programme-views a").nth(1).get_attribute("href"))

    page.select_option("#filter-quarter", index=1)

    expect(page).to_have_url(re.compile(r"quarter=\d+"))
    measure = page.locator("#filter-quarter").evaluate(SELECTED_TEXT_FITS)
    page.locator(".programme-filters").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "events-calendar-quarter-filter-fr.png"
    )
    assert " – " in measure["text"]
    assert measure["width"] <= measure["room"], measure
    assert visitor.problems == []
