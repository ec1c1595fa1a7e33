"""Account and legal pages in a real browser: axe scans, CSP, screenshots."""

import pytest
from playwright.sync_api import expect

from tests.browser.server import ARTIFACTS_DIR
from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    LOCALES,
    describe_violations,
)

# The demo editor may invite partners, so every account page is reachable.
EDITOR_EMAIL = "editeur@example.org"
PREFIX = {"fr": "", "en": "/en"}
ACCOUNT_PAGES = {
    "sign-in": ("/compte/connexion/", False),
    "profile": ("/compte/profil/", True),
    "invite": ("/compte/invitations/", True),
    "erase": ("/compte/mes-donnees/supprimer/", True),
}


def open_page(open_browser, site, page: str, language: str, **options):
    path, signed_in = ACCOUNT_PAGES[page]
    visitor = open_browser(site.base_urls[0], locale=LOCALES[language], **options)
    if signed_in:
        visitor.sign_in(EDITOR_EMAIL, language=language)
    visitor.goto(PREFIX[language] + path)
    return visitor


def find_blocking_violations(visitor) -> list[dict]:
    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate("async () => await axe.run(document)")
    return [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("page", sorted(ACCOUNT_PAGES))
def test_account_page_has_no_serious_axe_violation(site, open_browser, page, language):
    # axe is injected as an inline script, which the site's CSP blocks.
    visitor = open_page(open_browser, site, page, language, bypass_csp=True)

    blocking = find_blocking_violations(visitor)

    assert blocking == [], (
        f"axe found serious or critical violations on {page} ({language}):\n"
        f"{describe_violations(blocking)}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("page", sorted(ACCOUNT_PAGES))
def test_account_page_screenshot_without_csp_problem(
    site, open_browser, page, language
):
    visitor = open_page(open_browser, site, page, language)
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"accounts-{page}-{language}.png"

    expect(visitor.page.locator("h1").first).to_be_visible()
    visitor.page.screenshot(caret="initial", path=path, full_page=True)

    assert visitor.page.locator("html").get_attribute("lang") == language
    assert visitor.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_legal_pages_have_no_serious_axe_violation(site, open_browser, language):
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    visitor.goto(PREFIX[language] + "/")
    links = visitor.page.locator(".site-footer__links a")
    paths = [
        href
        for href in links.evaluate_all("(nodes) => nodes.map((n) => n.pathname)")
        if "plan" not in href and "sitemap" not in href
    ]
    assert len(paths) == 3, f"expected three legal pages in the footer: {paths}"

    for path in paths:
        visitor.goto(path)
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "-") or "home"
        visitor.page.screenshot(
            caret="initial", path=ARTIFACTS_DIR / f"legal-{name}.png", full_page=True
        )
        blocking = find_blocking_violations(visitor)
        assert blocking == [], f"{path}:\n{describe_violations(blocking)}"
