"""An idea's page and the board follow moderation and phase changes live: the
comment being typed survives commenting closing, the facilitators' list of
hidden comments follows other facilitators, and an author sees their idea
awaiting moderation until it is published, then gets its comment form."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.browser_user import BrowserUser
from tests.browser.server import run_manage
from tests.browser.test_board_phase import set_phase
from tests.browser.test_lab_challenge import (
    CHALLENGE_SLUGS,
    FACILITATOR_EMAIL,
    LIVE_UPDATE_DEADLINE_MS,
    PARTICIPANT_EMAIL,
    PARTNER_EMAIL,
    challenge_path,
    first_idea_path,
    screenshot,
)


def open_phase_control(site, open_browser) -> BrowserUser:
    """Open the challenge's phase control in submission, with every rule open."""
    facilitator = open_browser(
        site.base_urls[-1], viewport={"width": 390, "height": 800}
    )
    facilitator.sign_in(FACILITATOR_EMAIL)
    facilitator.goto(challenge_path(site, "fr"))
    facilitator.page.locator("a[href*='/phase/']").first.click()
    set_phase(facilitator, "submission")
    return facilitator


def set_commenting(facilitator: BrowserUser, open_: bool) -> None:
    switches = facilitator.page.locator(".phase-control__switches")
    switches.locator("input[name=commenting_open]").set_checked(open_)
    switches.locator("[type=submit]").click()
    expect(facilitator.page.locator(".phase-control__switches")).to_be_visible()


def wait_for_commenting(person: BrowserUser, state: str) -> None:
    expect(person.page.locator("#challenge-phase")).to_have_attribute(
        "data-commenting", state, timeout=LIVE_UPDATE_DEADLINE_MS
    )


def open_idea_page(site, person: BrowserUser) -> str:
    person.goto(challenge_path(site, "fr"))
    idea_path = first_idea_path(person)
    person.open_live_board(idea_path)
    return idea_path


@pytest.mark.browser
def test_comment_draft_survives_commenting_closing(site, open_browser):
    facilitator = open_phase_control(site, open_browser)
    participant = open_browser(site.base_urls[0])
    participant.sign_in(PARTICIPANT_EMAIL)
    open_idea_page(site, participant)
    page = participant.page
    draft = f"Commentaire en cours {uuid.uuid4().hex[:6]}"
    page.locator("#comment-form textarea").fill(draft)

    set_commenting(facilitator, False)
    wait_for_commenting(participant, "closed")

    expect(page.locator("#comment-draft")).to_be_visible()
    expect(page.locator("#comment-draft")).to_contain_text("copier")
    expect(page.locator("#comment-form")).to_be_visible()
    expect(page.locator("#comment-form textarea")).to_have_value(draft)
    expect(page.locator("#comment-form button[type=submit]")).to_be_disabled()
    assert page.evaluate("document.activeElement.name") == "body"
    page.locator("#comment-form").scroll_into_view_if_needed()
    screenshot(participant, "lab-comment-draft-kept")

    set_commenting(facilitator, True)
    wait_for_commenting(participant, "open")

    expect(page.locator("#comment-draft")).to_have_count(0)
    expect(page.locator("#comment-form button[type=submit]")).to_be_enabled()
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator("#comments")).to_contain_text(
        draft, timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert participant.problems == []


@pytest.mark.browser
def test_empty_comment_form_closes_and_comes_back(site, open_browser):
    facilitator = open_phase_control(site, open_browser)
    participant = open_browser(site.base_urls[0])
    participant.sign_in(PARTICIPANT_EMAIL)
    open_idea_page(site, participant)
    page = participant.page

    set_commenting(facilitator, False)
    wait_for_commenting(participant, "closed")

    expect(page.locator("#comment-form")).to_have_count(0)
    expect(page.locator("#comment-closed")).to_contain_text("fermés")

    set_commenting(facilitator, True)
    wait_for_commenting(participant, "open")

    # The form is fetched again and posts through htmx like the page's own.
    expect(page.locator("#comment-form")).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(page.locator("#comment-closed")).to_have_count(0)
    text = f"Commentaire après réouverture {uuid.uuid4().hex[:6]}"
    page.locator("#comment-form textarea").fill(text)
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator("#comments")).to_contain_text(
        text, timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert participant.problems == []


@pytest.mark.browser
def test_hidden_comments_follow_other_facilitator(site, open_browser):
    participant = open_browser(site.base_urls[0])
    participant.sign_in(PARTICIPANT_EMAIL)
    idea_path = open_idea_page(site, participant)
    text = f"Commentaire à masquer {uuid.uuid4().hex[:6]}"
    participant.page.locator("#comment-form textarea").fill(text)
    participant.page.locator("#comment-form button[type=submit]").click()
    comment = participant.page.locator("#comments article.comment", has_text=text)
    expect(comment).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
    comment_id = comment.get_attribute("id")
    # Two sessions of the demo challenge's one facilitator: the page that
    # does not act only hears of the change through live messages.
    acting = open_browser(site.base_urls[0])
    acting.sign_in(FACILITATOR_EMAIL)
    acting.goto(idea_path)
    watching = open_browser(site.base_urls[-1])
    watching.sign_in(FACILITATOR_EMAIL)
    watching.open_live_board(idea_path)
    watching.page.evaluate("window.__notReloaded = true")
    hidden_list = watching.page.locator("#hidden-comments")

    acting.page.locator(f"#{comment_id} form[action*='/hide/'] button").click()

    expect(hidden_list).to_contain_text(text, timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(hidden_list).to_be_visible()
    expect(watching.page.locator(f"#comments #{comment_id}")).to_have_count(0)
    expect(participant.page.locator(f"#{comment_id}")).to_have_count(
        0, timeout=LIVE_UPDATE_DEADLINE_MS
    )
    # Only the facilitators' pages fetch the list; the participant's page
    # never receives the hidden text.
    expect(participant.page.locator("#hidden-comments")).to_have_count(0)
    expect(participant.page.locator("body")).not_to_contain_text(text)

    restore = acting.page.locator(
        f"#hidden-{comment_id} form[action*='/restore/'] button"
    )
    restore.click()

    expect(hidden_list).not_to_contain_text(text, timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(watching.page.locator(f"#comments #{comment_id}")).to_be_visible(
        timeout=LIVE_UPDATE_DEADLINE_MS
    )
    assert watching.page.evaluate("window.__notReloaded") is True
    assert watching.problems == []
    assert participant.problems == []


@pytest.mark.browser
def test_pending_idea_badge_until_published(site, open_browser, tmp_path):
    facilitator = open_phase_control(site, open_browser)
    run_manage(
        site.environment,
        tmp_path / "premoderation.log",
        "shell",
        "-c",
        premoderation_code(enabled=True),
    )
    try:
        author = open_browser(site.base_urls[0])
        author.sign_in(PARTICIPANT_EMAIL)
        author.open_live_board(challenge_path(site, "fr"))
        other = open_browser(site.base_urls[-1])
        other.sign_in(PARTNER_EMAIL)
        other.open_live_board(challenge_path(site, "fr"))
        title = f"Idée à modérer {uuid.uuid4().hex[:6]}"

        author.page.locator("#id_title").fill(title)
        author.page.locator("#idea-form button[type=submit]").click()

        card = author.page.locator("#idea-list article.idea", has_text=title)
        expect(card).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
        expect(card.locator(".badge--pending")).to_have_text("En attente de modération")
        expect(card.locator(".vote-button")).to_have_attribute("aria-disabled", "true")
        # Nothing is broadcast for a pending idea: the other reader's board
        # does not show it.
        expect(other.page.locator("#idea-list")).not_to_contain_text(title)
        card.scroll_into_view_if_needed()
        screenshot(author, "lab-pending-idea-badge")
        idea_path = card.locator("h3 a").get_attribute("href")
        author.page.evaluate("window.__notReloaded = true")

        facilitator.goto(idea_path)
        facilitator.page.locator("form[action*='/restore/'] button").click()

        expect(card.locator(".badge--pending")).to_have_count(
            0, timeout=LIVE_UPDATE_DEADLINE_MS
        )
        expect(other.page.locator("#idea-list")).to_contain_text(
            title, timeout=LIVE_UPDATE_DEADLINE_MS
        )
        assert author.page.evaluate("window.__notReloaded") is True
        author.goto("/lab/notifications/")
        expect(author.page.locator("main")).to_contain_text(
            f"Un animateur a publié votre idée « {title} »"
        )
        assert author.problems == []
        assert other.problems == []
    finally:
        run_manage(
            site.environment,
            tmp_path / "premoderation-off.log",
            "shell",
            "-c",
            premoderation_code(enabled=False),
        )


def premoderation_code(*, enabled: bool) -> str:
    """Return Python code that switches pre-moderation of the demo challenge."""
    slugs = list(CHALLENGE_SLUGS.values())
    return (
        "from ideation.models import ChallengePage; "
        f"ChallengePage.objects.filter(slug__in={slugs!r})"
        f".update(premoderation={enabled!r})"
    )


@pytest.mark.browser
def test_comment_form_appears_once_published(site, open_browser, tmp_path):
    facilitator = open_phase_control(site, open_browser)
    run_manage(
        site.environment,
        tmp_path / "premoderation.log",
        "shell",
        "-c",
        premoderation_code(enabled=True),
    )
    try:
        author = open_browser(site.base_urls[0])
        author.sign_in(PARTICIPANT_EMAIL)
        author.open_live_board(challenge_path(site, "fr"))
        title = f"Idée à commenter {uuid.uuid4().hex[:6]}"
        author.page.locator("#id_title").fill(title)
        author.page.locator("#idea-form button[type=submit]").click()
        card = author.page.locator("#idea-list article.idea", has_text=title)
        expect(card).to_be_visible(timeout=LIVE_UPDATE_DEADLINE_MS)
        idea_path = card.locator("h3 a").get_attribute("href")
        author.open_live_board(idea_path)
        page = author.page
        expect(page.locator("#idea-pending-notice")).to_be_visible()
        expect(page.locator("#comment-form")).to_have_count(0)
        page.evaluate("window.__notReloaded = true")

        facilitator.goto(idea_path)
        facilitator.page.locator("form[action*='/restore/'] button").click()

        expect(page.locator("#comment-form")).to_be_visible(
            timeout=LIVE_UPDATE_DEADLINE_MS
        )
        expect(page.locator("#idea-pending-notice")).to_have_count(0)
        comment = f"Premier commentaire {uuid.uuid4().hex[:6]}"
        page.locator("#comment-form textarea").fill(comment)
        page.locator("#comment-form button[type=submit]").click()
        expect(page.locator("#comments")).to_contain_text(
            comment, timeout=LIVE_UPDATE_DEADLINE_MS
        )
        assert page.evaluate("window.__notReloaded") is True
        assert author.problems == []
    finally:
        run_manage(
            site.environment,
            tmp_path / "premoderation-off.log",
            "shell",
            "-c",
            premoderation_code(enabled=False),
        )
