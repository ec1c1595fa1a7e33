"""A challenge board follows a live phase change: the post form keeps a draft
when posting closes and comes back when it opens again, and the vote buttons
are marked unavailable when voting closes."""

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.test_lab_challenge import (
    FACILITATOR_EMAIL,
    LIVE_UPDATE_DEADLINE_MS,
    PARTICIPANT_EMAIL,
    challenge_path,
    screenshot,
)


def set_phase(facilitator: BrowserUser, phase: str) -> None:
    facilitator.page.locator("select[name=phase]").select_option(phase)
    facilitator.page.locator(".phase-control__form [type=submit]").click()
    expect(facilitator.page.locator(".phase-control__form")).to_be_visible()


def open_pages(site, open_browser) -> tuple[BrowserUser, BrowserUser]:
    """Open the phase control in submission, then the board as a participant."""
    facilitator = open_browser(
        site.base_urls[-1], viewport={"width": 390, "height": 800}
    )
    facilitator.sign_in(FACILITATOR_EMAIL)
    facilitator.goto(challenge_path(site, "fr"))
    facilitator.page.locator("a[href*='/phase/']").first.click()
    set_phase(facilitator, "submission")
    participant = open_browser(site.base_urls[0])
    participant.sign_in(PARTICIPANT_EMAIL)
    participant.open_live_board(challenge_path(site, "fr"))
    expect(participant.page.locator("#idea-form")).to_be_visible()
    return facilitator, participant


def wait_for_phase(person: BrowserUser, phase: str) -> None:
    expect(person.page.locator("#challenge-phase")).to_have_attribute(
        "data-phase", phase, timeout=LIVE_UPDATE_DEADLINE_MS
    )


@pytest.mark.browser
def test_draft_survives_posting_closing(site, open_browser):
    facilitator, participant = open_pages(site, open_browser)
    page = participant.page
    page.locator("#id_title").fill("Brouillon à garder")
    page.locator("#id_description").fill("Une description commencée")

    set_phase(facilitator, "voting")
    wait_for_phase(participant, "voting")

    expect(page.locator("#board-post-draft")).to_be_visible()
    expect(page.locator("#board-post-draft")).to_contain_text("copier")
    expect(page.locator("#id_title")).to_have_value("Brouillon à garder")
    expect(page.locator("#idea-form button[type=submit]")).to_be_disabled()
    assert page.evaluate("document.activeElement.id") == "id_description"
    screenshot(participant, "lab-phase-draft-kept")

    set_phase(facilitator, "submission")
    wait_for_phase(participant, "submission")

    expect(page.locator("#board-post-draft")).to_have_count(0)
    expect(page.locator("#idea-form button[type=submit]")).to_be_enabled()
    expect(page.locator("#id_description")).to_have_value("Une description commencée")
    assert participant.problems == []


@pytest.mark.browser
def test_empty_form_closes_and_comes_back(site, open_browser):
    facilitator, participant = open_pages(site, open_browser)
    page = participant.page

    set_phase(facilitator, "results")
    wait_for_phase(participant, "results")

    expect(page.locator("#idea-form")).to_have_count(0)
    expect(page.locator("#board-post-closed")).to_contain_text("n’accepte plus")
    votes = page.locator("#idea-list .vote-button")
    assert votes.count() > 0
    for index in range(votes.count()):
        expect(votes.nth(index)).to_have_attribute("aria-disabled", "true")

    set_phase(facilitator, "submission")
    wait_for_phase(participant, "submission")

    expect(page.locator("#idea-form")).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(page.locator("#board-post-closed")).to_have_count(0)
    expect(votes.first).not_to_have_attribute("aria-disabled", "true")
    # The fetched form posts through htmx like the page's own.
    page.locator("#id_title").fill("Idée déposée après réouverture")
    page.locator("#idea-form button[type=submit]").click()
    expect(page.locator("#idea-list")).to_contain_text(
        "Idée déposée après réouverture", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert participant.problems == []


@pytest.mark.browser
def test_closed_notice_follows_voting(site, open_browser):
    facilitator, participant = open_pages(site, open_browser)
    page = participant.page
    notice = page.locator("#board-post-closed")

    set_phase(facilitator, "voting")
    wait_for_phase(participant, "voting")
    expect(notice).to_contain_text("lire et voter")

    set_phase(facilitator, "results")
    wait_for_phase(participant, "results")
    expect(notice).to_contain_text("ni de votes")

    page.reload()
    expect(notice).to_contain_text("ni de votes")
    expect(notice).not_to_contain_text("lire et voter")
    assert participant.problems == []
    # The next tests post on this challenge.
    set_phase(facilitator, "submission")
