"""The committee reads the indicators in the admin: screenshots and axe scans."""

import pytest

from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    describe_violations,
)

COMMITTEE_EMAIL = "comite@example.org"
REPORT_PATH = "/admin/indicateurs/"
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
HEADINGS = {"fr": "Indicateurs", "en": "Indicators"}


def set_admin_language(visitor, language: str) -> None:
    """Choose the admin language in the account's Wagtail preferences."""
    visitor.goto("/admin/account/")
    select = visitor.page.locator("select[name='locale-preferred_language']")
    select.select_option(language)
    with visitor.page.expect_navigation():
        visitor.page.locator("form [type=submit]").last.click()


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_indicators_report_has_no_serious_axe_violation(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    visitor.sign_in(COMMITTEE_EMAIL)
    set_admin_language(visitor, language)

    visitor.goto(REPORT_PATH)
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / f"indicators-{language}.png"
    )
    for details in visitor.page.locator("details.stats-details").all():
        details.locator("summary").click()
    visitor.page.locator("svg.stats-chart").first.scroll_into_view_if_needed()
    visitor.page.screenshot(
        caret="initial", path=ARTIFACTS_DIR / f"indicators-charts-{language}.png"
    )
    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate("async () => await axe.run(document)")

    heading = visitor.page.locator("h1").first.inner_text()
    blocking = [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert HEADINGS[language] in heading
    assert visitor.page.locator("svg.stats-chart").count() > 0
    assert blocking == [], describe_violations(blocking)


@pytest.mark.browser
def test_indicators_report_is_refused_to_an_agent(site, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in("agent@example.org")

    response = visitor.page.goto(site.base_urls[0] + REPORT_PATH)

    assert response is not None
    assert response.status == 403
    assert visitor.page.locator("svg.stats-chart").count() == 0


# Returns, for each select, its width and the width it takes with no limit.
SELECT_WIDTHS = """selects => selects.map(select => {
    const width = select.getBoundingClientRect().width;
    const limit = select.style.maxWidth;
    select.style.maxWidth = "none";
    const natural = select.getBoundingClientRect().width;
    select.style.maxWidth = limit;
    return {id: select.id, width: width, natural: natural};
})"""


@pytest.mark.browser
def test_indicators_quarter_list_shows_whole_option(site, open_browser):
    """Columns of 14rem cut "Trimestre en cours" at 1366 px."""
    visitor = open_browser(site.base_urls[0], viewport={"width": 1366, "height": 800})
    visitor.sign_in(COMMITTEE_EMAIL)
    visitor.goto(REPORT_PATH)
    quarter = visitor.page.locator("#id_quarter")

    measures = quarter.evaluate_all(SELECT_WIDTHS)

    visitor.page.locator(".stats-filters").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "indicators-filters-fr.png"
    )
    assert measures[0]["width"] >= measures[0]["natural"], measures[0]
    assert visitor.problems == []


@pytest.mark.browser
def test_indicators_long_lists_show_whole_option(site, open_browser):
    """Sites and boards have names longer than a column: once one was chosen,
    the list cut it."""
    visitor = open_browser(site.base_urls[0], viewport={"width": 1366, "height": 800})
    visitor.sign_in(COMMITTEE_EMAIL)
    visitor.goto(REPORT_PATH)
    wide = visitor.page.locator(".stats-filters__wide select")

    measures = wide.evaluate_all(SELECT_WIDTHS_BY_OPTION)

    visitor.page.locator(".stats-filters").screenshot(
        caret="initial", path=ARTIFACTS_DIR / "indicators-filters-wide-fr.png"
    )
    assert len(measures) >= 2
    for measure in measures:
        assert measure["width"] >= measure["natural"], measure
    assert visitor.problems == []


# Like SELECT_WIDTHS, with the longest option chosen first.
SELECT_WIDTHS_BY_OPTION = """selects => selects.map(select => {
    const longest = Array.from(select.options).reduce(
        (a, b) => (b.text.length > a.text.length ? b : a));
    select.value = longest.value;
    const width = select.getBoundingClientRect().width;
    const limit = select.style.maxWidth;
    select.style.maxWidth = "none";
    select.style.width = "auto";
    const natural = select.getBoundingClientRect().width;
    select.style.maxWidth = limit;
    select.style.width = "";
    return {id: select.id, text: longest.text, width: width, natural: natural};
})"""
