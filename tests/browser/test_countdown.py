"""static/js/countdown.js in chromium: time left in words of the page language."""

import datetime
from pathlib import Path

import pytest

COUNTDOWN_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "countdown.js"
NOW = datetime.datetime(2026, 12, 4, 9, 0, tzinfo=datetime.UTC)
GLUE = "\u202f"


def render_countdown(browser, language: str, left: datetime.timedelta) -> str:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        end = (NOW + left).isoformat()
        page.set_content(
            f'<html lang="{language}"><body>'
            f'<time data-countdown="{end}">?</time></body></html>'
        )
        page.add_script_tag(path=str(COUNTDOWN_JS))
        return page.locator("time").text_content()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("language", "left", "expected"),
    [
        (
            "fr",
            datetime.timedelta(days=13, hours=23, minutes=54, seconds=12),
            f"13{GLUE}j 23{GLUE}h 54{GLUE}min",
        ),
        (
            "en",
            datetime.timedelta(days=13, hours=23, minutes=54, seconds=12),
            f"13{GLUE}d 23{GLUE}h 54{GLUE}min",
        ),
        (
            "fr",
            datetime.timedelta(hours=2, minutes=5, seconds=9),
            f"2{GLUE}h 05{GLUE}min 09{GLUE}s",
        ),
        ("fr", datetime.timedelta(minutes=4, seconds=5), f"4{GLUE}min 05{GLUE}s"),
        ("fr", datetime.timedelta(seconds=39), f"39{GLUE}s"),
        ("fr", -datetime.timedelta(minutes=1), f"0{GLUE}s"),
    ],
)
def test_countdown_words(browser, language, left, expected):
    text = render_countdown(browser, language, left)

    assert text == expected


@pytest.mark.browser
def test_countdown_ended_shows_sentence(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.install(time=NOW)
        end = (NOW + datetime.timedelta(seconds=2)).isoformat()
        page.set_content(
            '<html lang="fr"><body><p data-ended-text="Temps écoulé.">Temps restant : '
            f'<time data-countdown="{end}">?</time></p></body></html>'
        )
        page.add_script_tag(path=str(COUNTDOWN_JS))
        before = page.locator("p").text_content()
        page.clock.run_for(3_000)

        assert before == f"Temps restant : 2{GLUE}s"
        assert page.locator("p").text_content() == "Temps écoulé."
        assert page.locator("time").count() == 0
    finally:
        context.close()
