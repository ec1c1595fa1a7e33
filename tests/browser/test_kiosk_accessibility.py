"""axe-core scans of the kiosk pages and of the resource pages, in French
and English, with screenshots of each at 1920×1080."""

import pytest

from kiosk.demo import DEMO_SCREEN_PATH
from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    LOCALES,
    describe_violations,
)

SCREEN = {"width": 1920, "height": 1080}
KIOSK_PATHS = {
    "fr": {
        "home": "",
        "resources": "ressources/",
        "theme": "ressources/theme/securite-numerique/",
        "today": "aujourdhui/",
        "week": "semaine/",
    },
    "en": {
        "home": "en/",
        "resources": "en/resources/",
        "theme": "en/resources/theme/securite-numerique/",
        "today": "en/today/",
        "week": "en/week/",
    },
}
SITE_PATHS = {
    "fr": {
        "resource-index": "/ressources/",
        "resource": "/ressources/referentiel-rgaa/",
        "filtered": "/ressources/?theme=accessibilite&level=advanced",
    },
    "en": {
        "resource-index": "/en/resources/",
        "resource": "/en/resources/referentiel-rgaa/",
        "filtered": "/en/resources/?theme=accessibilite&level=advanced",
    },
}


def scan(page) -> list[dict]:
    page.add_script_tag(path=AXE_PATH)
    results = page.evaluate("async () => await axe.run(document)")
    return [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def first_resource_path(page, language: str) -> str:
    link = page.locator(".kiosk-card__link").first.get_attribute("href")
    assert link, f"no resource on the kiosk in {language}"
    return link


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_kiosk_pages_have_no_serious_axe_violation(site, open_browser, language):
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run `npm ci`"
    visitor = open_browser(
        site.base_urls[0],
        bypass_csp=True,
        viewport=SCREEN,
        has_touch=True,
        locale=LOCALES[language],
    )
    folder = ARTIFACTS_DIR / "kiosk"
    folder.mkdir(parents=True, exist_ok=True)
    paths = dict(KIOSK_PATHS[language])

    for name, path in list(paths.items()) + [("resource", None)]:
        if path is None:
            visitor.goto(DEMO_SCREEN_PATH + paths["resources"])
            visitor.goto(first_resource_path(visitor.page, language))
        else:
            visitor.goto(DEMO_SCREEN_PATH + path)
        visitor.page.screenshot(caret="initial", path=folder / f"{name}-{language}.png")
        blocking = scan(visitor.page)
        assert blocking == [], (
            f"axe found serious or critical violations on the kiosk {name} page "
            f"({language}):\n{describe_violations(blocking)}"
        )
    visitor.goto(DEMO_SCREEN_PATH + paths["home"])
    visitor.page.locator('[data-kiosk-action="seated"]').tap()
    visitor.page.screenshot(
        caret="initial", path=folder / f"home-seated-{language}.png"
    )
    assert scan(visitor.page) == []


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("kind", ["resource-index", "resource", "filtered"])
def test_resource_pages_have_no_serious_axe_violation(
    site, open_browser, kind, language
):
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])

    visitor.goto(SITE_PATHS[language][kind])

    folder = ARTIFACTS_DIR / "resources"
    folder.mkdir(parents=True, exist_ok=True)
    visitor.page.screenshot(
        caret="initial", path=folder / f"{kind}-{language}.png", full_page=True
    )
    blocking = scan(visitor.page)
    assert blocking == [], (
        f"axe found serious or critical violations on {kind} ({language}):\n"
        f"{describe_violations(blocking)}"
    )
