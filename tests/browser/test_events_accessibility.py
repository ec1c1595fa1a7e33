"""axe-core scans of the programme pages, each event kind and My programme,
in both languages."""

from urllib.parse import urlsplit

import pytest

from tests.browser.test_accessibility import (
    AXE_PATH,
    BLOCKING_IMPACTS,
    LOCALES,
    describe_violations,
)

PREFIXES = {"fr": "", "en": "/en"}
# Paths seeded by home/demo_content.py and events/demo.py, by language.
PAGES = {
    "programme": {"fr": "/programme/", "en": "/programme/"},
    "calendar": {"fr": "/programme/calendrier/", "en": "/programme/calendrier/"},
    "archive": {"fr": "/programme/archives/", "en": "/programme/archives/"},
    "masterclass": {
        "fr": "/programme/masterclass-agenda-partage/",
        "en": None,
    },
    "round_table": {"fr": "/programme/table-ronde-ia-service-public/", "en": None},
    "technology_workshop": {"fr": "/programme/atelier-objets-connectes/", "en": None},
    "digital_cafe": {
        "fr": "/programme/cafe-numerique-signature-electronique/",
        "en": None,
    },
    "course": {
        "fr": "/programme/bien-debuter-avec-le-tableur/",
        "en": "/programme/getting-started-with-spreadsheets/",
    },
    "training": {
        "fr": "/programme/bien-debuter-avec-le-tableur/seance-1/",
        "en": "/programme/getting-started-with-spreadsheets/session-1/",
    },
    "smart_tour": {"fr": "/programme/smart-tour/", "en": "/programme/smart-tour/"},
    "my_programme": {
        "fr": "/programme/mon-programme/",
        "en": "/programme/mon-programme/",
    },
    "quarter": {"fr": None, "en": None},
    "check_in": {"fr": None, "en": None},
    "guest_form": {"fr": None, "en": None},
}
SIGNED_IN = {"my_programme": "agent@example.org", "check_in": "editeur@example.org"}
# An event open to external guests, with registrations.
OPEN_EVENT_PATH = "/programme/masterclass-ia-generative/"


def find_linked_path(visitor, page_path: str, selector: str, language: str) -> str:
    """Return the path of the first link matching ``selector`` on a page."""
    visitor.goto(PREFIXES[language] + page_path)
    href = visitor.page.locator(selector).first.get_attribute("href")
    assert href, f"no link {selector} on {page_path}"
    return urlsplit(href).path


def find_dynamic_path(visitor, kind: str, language: str) -> str:
    """Find the paths that depend on page ids or on today's quarter."""
    if kind == "quarter":
        # The programme page links to its quarter pages.
        return find_linked_path(
            visitor,
            "/programme/",
            ".programme-related a[href*='trimestre-'], "
            ".programme-related a[href*='quarter-']",
            language,
        )
    event_path = find_linked_path(
        visitor, OPEN_EVENT_PATH, "a[href$='/evenement.ics']", "fr"
    )
    event_id = event_path.strip("/").split("/")[-2]
    suffix = "pointage/" if kind == "check_in" else "invite/"
    return f"{PREFIXES[language]}/programme/{event_id}/{suffix}"


def find_english_path(visitor, french_path: str) -> str:
    """Follow the language switcher from a French page to its English twin."""
    visitor.goto(french_path)
    href = visitor.page.locator("a[hreflang='en']").first.get_attribute("href")
    path = urlsplit(href or "").path
    assert path.startswith("/en/"), f"no English page linked from {french_path}"
    return path


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_events_page_has_no_serious_axe_violation(site, open_browser, kind, language):
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run `npm ci`"
    # axe is injected as an inline script, which the site's policy blocks.
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    if kind in SIGNED_IN:
        visitor.sign_in(SIGNED_IN[kind], language=language)
    path = PAGES[kind][language]
    if PAGES[kind]["fr"] is None:
        path = find_dynamic_path(visitor, kind, language)
    elif path is None:
        path = find_english_path(visitor, PAGES[kind]["fr"])
    elif language == "en":
        path = PREFIXES[language] + path
    visitor.goto(path)

    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate("async () => await axe.run(document)")

    assert visitor.page.locator("html").get_attribute("lang") == language
    blocking = [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], (
        f"axe found serious or critical violations on {kind} ({language}):\n"
        f"{describe_violations(blocking)}"
    )
