"""axe-core scans of each page type in both languages."""

import pytest

from tests.browser.server import PROJECT_ROOT

AXE_PATH = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
SIGNED_IN_EMAIL = "agent@example.org"


def describe_violations(violations: list[dict]) -> str:
    """Format axe violations as lines a person can act on."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("language", sorted(LOCALES))
@pytest.mark.parametrize(
    ("kind", "signed_in"),
    [("home", False), ("event", False), ("board", False), ("board", True)],
)
def test_page_has_no_serious_axe_violation(
    site, open_browser, kind, signed_in, language
):
    assert AXE_PATH.exists(), f"{AXE_PATH} is missing: run `npm ci`"
    # axe is injected as an inline script, which the site's
    # Content-Security-Policy rightly blocks; this context ignores the policy.
    visitor = open_browser(site.base_urls[0], bypass_csp=True, locale=LOCALES[language])
    if signed_in:
        visitor.sign_in(SIGNED_IN_EMAIL, language=language)
    visitor.goto(site.paths[kind][language])

    visitor.page.add_script_tag(path=AXE_PATH)
    results = visitor.page.evaluate("async () => await axe.run(document)")

    blocking = [
        violation
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], (
        f"axe found serious or critical violations on {kind} ({language}, "
        f"signed in: {signed_in}):\n{describe_violations(blocking)}"
    )
