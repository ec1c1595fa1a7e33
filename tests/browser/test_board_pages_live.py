"""Boards with many ideas in a browser: a refetch brings back the pages that
"Show more ideas" loaded, with the person's filters, and the projection
screen keeps its maximum of cards while ideas arrive and leave live."""

import json
import re
import subprocess
import sys
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from ideation.facilitator_views import PROJECTION_MAX_IDEAS
from ideation.views import COMMENT_LIMIT, IDEAS_PER_PAGE
from tests.browser.browser_user import SOCKET_JOINED, BrowserUser
from tests.browser.lab_pages import CHALLENGE_IDEAS, SEARCHED_TITLE
from tests.browser.server import ARTIFACTS_DIR, COMMAND_TIMEOUT_SECONDS, PROJECT_ROOT
from tests.browser.test_board_live import AUTHOR_EMAIL, WATCHER_EMAIL, post_idea
from tests.browser.test_lab_challenge import FACILITATOR_EMAIL
from tests.browser.test_realtime_board import RECONNECT_DEADLINE_MS, RECORD_OOB_ERRORS

LIVE_UPDATE_DEADLINE_MS = 5_000
# Comments one person may post per minute (ideation.views.COMMENT_LIMIT).
COMMENTS_PER_MINUTE = COMMENT_LIMIT[0]


@pytest.fixture(scope="module")
def lab_pages(site) -> dict[str, str]:
    """Create the board and challenge of this module in the served database."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.browser.lab_pages"],
        cwd=PROJECT_ROOT,
        env=site.environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, f"lab_pages failed:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout)


def screenshot(person: BrowserUser, name: str, *, full_page=True) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(
        path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=full_page, caret="initial"
    )


def is_list_fetch(response) -> bool:
    """Return True for an htmx GET of the idea list or its next page.

    The filter form requests the board's own URL, and the refetch and "Show
    more ideas" request the ideas URL. The HX-Target header separates them
    from the other requests of the page.
    """
    headers = response.request.headers
    return (
        response.request.method == "GET"
        and headers.get("hx-target") in {"idea-list", "idea-list-more"}
        and "hx-history-restore-request" not in headers
    )


def is_history_restore(response) -> bool:
    return response.request.headers.get("hx-history-restore-request") == "true"


def open_author_and_watcher(site, lab_pages, open_browser):
    """Open the many-ideas board for an author and a watcher, each on a
    different worker when there are two."""
    author = open_browser(site.base_urls[0])
    watcher = open_browser(site.base_urls[-1])
    author.sign_in(AUTHOR_EMAIL)
    watcher.sign_in(WATCHER_EMAIL)
    author.open_live_board(lab_pages["board"])
    watcher.open_live_board(lab_pages["board"])
    return author, watcher


def force_gap_and_refetch(author: BrowserUser, watcher: BrowserUser):
    """Make the watcher's next message look like a gap; return the list
    request that follows once the author votes."""
    page = watcher.page
    page.evaluate("window.__listBeforeRefetch = document.getElementById('idea-list')")
    # A number far behind makes the next message look like a gap.
    page.evaluate("document.getElementById('board-live').dataset.sequence = '0'")
    with page.expect_response(is_list_fetch, timeout=RECONNECT_DEADLINE_MS) as fetch:
        author.page.locator("#idea-list button.vote-button").first.click()
    # A function, not an expression: Playwright evaluates an expression again
    # with eval() while it polls, which the site's CSP (no 'unsafe-eval')
    # rejects whenever the first check is false.
    page.wait_for_function(
        "() => document.getElementById('idea-list') !== window.__listBeforeRefetch"
    )
    return parse_qs(urlsplit(fetch.value.url).query)


def search_and_show_two_pages(watcher: BrowserUser) -> None:
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    # The newest ideas are not searched ones, so a list that lost the
    # search shows them again.
    expect(cards.filter(has_text="Autre sujet")).not_to_have_count(0)
    # Leaving the field fires one "change", so the form sends one request.
    with page.expect_response(is_list_fetch):
        page.locator("#filter-q").fill(SEARCHED_TITLE)
        page.locator("#filter-q").press("Tab")
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    expect(cards).to_have_count(IDEAS_PER_PAGE)
    show_more_ideas(watcher)


def show_more_ideas(person: BrowserUser) -> None:
    """Click "Show more ideas" and wait until htmx has settled the new page.

    htmx focuses the page's heading 20 ms after the swap (autofocus is a
    settle task), so focus set by a test before then is taken away.
    """
    page = person.page
    cards = page.locator("#idea-list article.idea")
    shown = cards.count()
    with page.expect_response(is_list_fetch):
        page.locator("#idea-list-more a").click()
    expect(cards).to_have_count(shown + IDEAS_PER_PAGE)
    page.wait_for_function(
        """() => document.activeElement
        && document.activeElement.matches('#idea-list h3[autofocus]')"""
    )


def shown_card_ids(watcher: BrowserUser) -> list[str]:
    return watcher.page.eval_on_selector_all(
        "#idea-list article.idea", "cards => cards.map(c => c.id)"
    )


@pytest.mark.browser
def test_refetch_keeps_pages_and_filters(site, lab_pages, open_browser):
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    search_and_show_two_pages(watcher)
    card_ids = shown_card_ids(watcher)
    page.locator(f"#{card_ids[-1]} button.vote-button").focus()

    query = force_gap_and_refetch(author, watcher)

    assert query.get("q") == [SEARCHED_TITLE]
    assert query.get("page") == ["2"]
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    for card_id in card_ids:
        expect(page.locator(f"#idea-list #{card_id}")).to_have_count(1)
    # Playwright's to_be_focused also requires document.hasFocus(), which
    # the author's click in the other window may take away, so the watcher's
    # active element is checked directly.
    page.wait_for_function(
        f"""() => document.activeElement
        === document.querySelector('#{card_ids[-1]} button.vote-button')"""
    )
    expect(page.locator("#filter-q")).to_have_value(SEARCHED_TITLE)
    screenshot(watcher, "lab-board-refetch-two-pages")
    screenshot(watcher, "lab-board-refetch-focus", full_page=False)
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_refetch_focuses_first_card_of_page(site, lab_pages, open_browser):
    """The heading that "Show more ideas" focuses is not in the refetched
    list: the focus goes to the first card of that page, not to the body."""
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    search_and_show_two_pages(watcher)
    first_of_page_two = shown_card_ids(watcher)[IDEAS_PER_PAGE]

    force_gap_and_refetch(author, watcher)

    page.wait_for_function(
        f"""() => document.activeElement
        === document.querySelector('#{first_of_page_two} .idea__title a')"""
    )
    assert not page.locator("#idea-list h3[autofocus]").count()
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_refetch_keeps_focused_vote_button_current(site, lab_pages, open_browser):
    """A refetch put back the old vote form that had the focus, so a vote
    recorded meanwhile was undone on screen: the button stayed unpressed."""
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    card_id = shown_card_ids(watcher)[-1]
    button = f"#{card_id} button.vote-button"
    page.locator(button).focus()
    # A state the server never renders, so the old form shows if it comes back.
    page.evaluate(
        f"""() => {{
          const old = document.querySelector('{button}');
          old.setAttribute('aria-pressed', 'mixed');
          window.__oldVoteButton = old;
        }}"""
    )

    force_gap_and_refetch(author, watcher)

    page.wait_for_function(
        f"""() => document.activeElement === document.querySelector('{button}')
        && document.activeElement !== window.__oldVoteButton"""
    )
    assert page.locator(button).get_attribute("aria-pressed") in {"true", "false"}
    assert author.problems == []
    assert watcher.problems == []


# board.js reconnects a closed socket after 1 to 5 s (RECONNECT_MIN_DELAY_MS
# plus RECONNECT_JITTER_MS), so a socket reopened by mistake shows by then.
REPLACED_SOCKET_WAIT_MS = 5_500

# Counts the sockets that htmx-ext-ws creates from now on, for any element,
# including one that a swap removed from the page.
COUNT_SOCKETS_CREATED = """() => {
  window.__socketsCreated = 0;
  const create = htmx.createWebSocket;
  htmx.createWebSocket = (url) => {
    window.__socketsCreated += 1;
    return create(url);
  };
}"""


def search_board(person: BrowserUser, text: str) -> None:
    """Search the board's ideas through the filter form, as a person would."""
    with person.page.expect_response(is_list_fetch):
        person.page.locator("#filter-q").fill(text)
        person.page.locator("#filter-q").press("Tab")


def address_query(person: BrowserUser) -> dict[str, list[str]]:
    return parse_qs(urlsplit(person.page.url).query, keep_blank_values=True)


def wait_for_new_socket(person: BrowserUser, count: int) -> None:
    """Wait until the page's ``count``-th socket opened and got a message,
    so that the server has joined it to the board's group."""
    person.page.wait_for_function(
        f"""() => window.__smartcornerSocketsOpened >= {count}
        && window.__smartcornerMessagesSinceOpen > 0"""
    )


@pytest.mark.browser
def test_filters_survive_reload_and_back(site, lab_pages, open_browser):
    watcher = open_browser(site.base_urls[0])
    watcher.sign_in(WATCHER_EMAIL)
    watcher.open_live_board(lab_pages["board"])
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    expect(cards.filter(has_text="Autre sujet")).not_to_have_count(0)

    search_board(watcher, SEARCHED_TITLE)
    with page.expect_response(is_list_fetch):
        page.locator("#filter-sort").select_option("new")

    # The address is the board page's, not the fragment's, with the filters
    # in use and without the empty ones.
    expect(page).to_have_url(re.compile(r"sort=new"))
    assert urlsplit(page.url).path == lab_pages["board"]
    assert address_query(watcher) == {"q": [SEARCHED_TITLE], "sort": ["new"]}
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)

    page.reload()
    watcher.page.wait_for_function(SOCKET_JOINED)

    expect(page.locator("#filter-q")).to_have_value(SEARCHED_TITLE)
    expect(page.locator("#filter-sort")).to_have_value("new")
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    expect(cards.first).to_contain_text(SEARCHED_TITLE)
    list_query = parse_qs(page.locator("#idea-list").get_attribute("data-query"))
    assert list_query == {"q": [SEARCHED_TITLE], "sort": ["new"]}
    page.locator("#board-ideas-heading").evaluate("heading => heading.scrollIntoView()")
    screenshot(watcher, "lab-board-filters-after-reload", full_page=False)

    page.go_back()

    expect(page).to_have_url(re.compile(r"sort=hot"))
    expect(page.locator("#filter-sort")).to_have_value("hot")
    page.go_back()

    expect(page).to_have_url(re.compile(re.escape(lab_pages["board"]) + "$"))
    expect(page.locator("#filter-q")).to_have_value("")
    expect(cards.filter(has_text="Autre sujet")).not_to_have_count(0)
    assert watcher.problems == []


@pytest.mark.browser
def test_board_restored_from_history_stays_live(site, lab_pages, open_browser):
    """Back and forward make htmx fetch the page again and swap in its body,
    with a new socket: live ideas still arrive, and a refetch of the page
    restored with a search keeps that search."""
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    page.evaluate("window.__sameDocument = true")
    page.evaluate(COUNT_SOCKETS_CREATED)
    search_board(watcher, SEARCHED_TITLE)
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)

    with page.expect_response(is_history_restore):
        page.go_back()

    expect(page.locator("#filter-q")).to_have_value("")
    expect(cards.filter(has_text="Autre sujet")).not_to_have_count(0)
    assert page.locator("#idea-list").get_attribute("data-query") == "sort=hot"
    assert page.evaluate("window.__sameDocument") is True
    wait_for_new_socket(watcher, 2)
    live_title = f"Autre sujet après retour {uuid.uuid4().hex[:8]}"
    post_idea(author, live_title)
    expect(cards.filter(has_text=live_title)).to_have_count(
        1, timeout=LIVE_UPDATE_DEADLINE_MS
    )
    cards.filter(has_text=live_title).scroll_into_view_if_needed()
    screenshot(watcher, "lab-board-back-live-idea", full_page=False)
    # The socket of the replaced #board-live must stay closed: one that
    # reopened would refetch the list on its own and hide a broken refetch.
    page.wait_for_timeout(REPLACED_SOCKET_WAIT_MS)
    assert page.evaluate("window.__socketsCreated") == 1

    with page.expect_response(is_history_restore):
        page.go_forward()

    expect(page.locator("#filter-q")).to_have_value(SEARCHED_TITLE)
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    wait_for_new_socket(watcher, 3)
    query = force_gap_and_refetch(author, watcher)

    assert query.get("q") == [SEARCHED_TITLE]
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    assert page.evaluate("window.__socketsCreated") == 2
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_refetch_counts_ideas_that_arrived_live(site, lab_pages, open_browser):
    """Live ideas are put first in a list sorted by date, which pushes the
    last loaded card past the loaded pages: the refetch requests one more."""
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    with page.expect_response(is_list_fetch):
        page.locator("#filter-sort").select_option("new")
    # The response comes before the swap: "more" must be the new list's.
    expect(page.locator("#idea-list")).to_have_attribute(
        "data-query", re.compile("sort=new")
    )
    with page.expect_response(is_list_fetch):
        page.locator("#idea-list-more a").click()
    expect(cards).to_have_count(2 * IDEAS_PER_PAGE)
    post_idea(author, f"{SEARCHED_TITLE} en direct {uuid.uuid4().hex[:8]}")
    expect(cards).to_have_count(2 * IDEAS_PER_PAGE + 1, timeout=LIVE_UPDATE_DEADLINE_MS)
    card_ids = shown_card_ids(watcher)
    page.locator(f"#{card_ids[-1]} button.vote-button").focus()

    query = force_gap_and_refetch(author, watcher)

    assert query.get("sort") == ["new"]
    assert query.get("page") == ["3"]
    for card_id in card_ids:
        expect(page.locator(f"#idea-list #{card_id}")).to_have_count(1)
    expect(page.locator(f"#{card_ids[-1]} button.vote-button")).to_be_focused()
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_live_idea_follows_viewer_search(site, lab_pages, open_browser):
    """A filtered list is fetched again when an idea arrives, instead of
    showing the new idea first whether it matches or not."""
    author, watcher = open_author_and_watcher(site, lab_pages, open_browser)
    page = watcher.page
    cards = page.locator("#idea-list article.idea")
    with page.expect_response(is_list_fetch):
        page.locator("#filter-q").fill(SEARCHED_TITLE)
        page.locator("#filter-q").press("Tab")
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    other = f"Autre sujet en direct {uuid.uuid4().hex[:8]}"
    matching = f"{SEARCHED_TITLE} en direct {uuid.uuid4().hex[:8]}"

    with page.expect_response(is_list_fetch, timeout=LIVE_UPDATE_DEADLINE_MS):
        post_idea(author, other)
    with page.expect_response(is_list_fetch, timeout=LIVE_UPDATE_DEADLINE_MS):
        post_idea(author, matching)

    expect(cards.filter(has_text=matching)).to_have_count(1)
    expect(cards.filter(has_text=other)).to_have_count(0)
    expect(page.locator("#filter-q")).to_have_value(SEARCHED_TITLE)
    assert author.problems == []
    assert watcher.problems == []


@pytest.mark.browser
def test_similar_ideas_show_under_title(site, lab_pages, open_browser):
    author = open_browser(site.base_urls[0])
    author.sign_in(AUTHOR_EMAIL)
    author.open_live_board(lab_pages["board"])
    page = author.page

    with page.expect_response(lambda response: "/similar" in response.url):
        page.locator("form#idea-form input[name=title]").fill(SEARCHED_TITLE)

    expect(page.locator("#similar-ideas li").first).to_contain_text(SEARCHED_TITLE)
    # The form's own target is the list: the suggestions must not land there.
    expect(page.locator("#idea-list .similar-ideas__intro")).to_have_count(0)
    assert author.problems == []


@pytest.mark.browser
def test_too_many_comments_shows_server_message(site, lab_pages, open_browser):
    """An HTTP 429 response carries a message. It appears under the form
    that sent the request, and the typed text stays."""
    # A person no other browser test comments as, so that their limit is
    # this test's own.
    person = open_browser(site.base_urls[0])
    person.sign_in(FACILITATOR_EMAIL)
    person.open_live_board(lab_pages["board"])
    idea_path = person.page.locator("#idea-list article.idea h3 a").first.get_attribute(
        "href"
    )
    person.open_live_board(idea_path)
    page = person.page
    body = page.locator("#comment-form textarea[name=body]")
    error = page.locator("#comment-form + .request-error")

    # The limit counts over a sliding window (cms.ratelimit): the comment
    # after the allowed ones is refused unless the posts were slow and
    # straddled the turn of a minute, and then one or two more are.
    for number in range(COMMENTS_PER_MINUTE + 3):
        with page.expect_response(lambda response: "/comments/" in response.url):
            body.fill(f"Commentaire rapide {number}")
            page.locator("#comment-form [type=submit]").click()
        # htmx swaps the response in after it arrives: an empty form for a
        # posted comment, a message for a rejected one. Text typed before that
        # swap would be lost, and the next post would be an empty one.
        page.wait_for_function(
            """() => document.querySelector('#comment-form [name=body]').value === ''
            || document.querySelector('#comment-form + .request-error') !== null"""
        )
        if error.count():
            break

    expect(error).to_be_visible()
    expect(error).to_contain_text("trop souvent en peu de temps")
    expect(body).not_to_have_value("")
    screenshot(person, "lab-comment-rate-limited", full_page=False)


@pytest.mark.browser
def test_search_without_result_says_so(site, lab_pages, open_browser):
    visitor = open_browser(site.base_urls[0])
    visitor.sign_in(WATCHER_EMAIL)
    visitor.open_live_board(lab_pages["board"])
    page = visitor.page

    with page.expect_response(is_list_fetch):
        page.locator("#filter-q").fill("zzz introuvable")
        page.locator("#filter-q").press("Tab")

    expect(page.locator("#idea-list article.idea")).to_have_count(0)
    expect(page.locator(".idea-list__empty--filtered")).to_be_visible()
    expect(page.locator(".idea-list__empty--board")).to_be_hidden()
    assert visitor.problems == []


# How long a second list response could still follow the first one.
SECOND_SWAP_WAIT_MS = 1_000

# Counts the swaps of #idea-list on the body, where a locator can read it.
COUNT_LIST_SWAPS = """() => {
  document.body.dataset.listSwaps = "0";
  const counter = document.body.dataset;
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "idea-list") {
      counter.listSwaps = String(Number(counter.listSwaps) + 1);
    }
  });
}"""


@pytest.mark.browser
def test_search_with_enter_swaps_list_once(site, lab_pages, open_browser):
    """Enter in the search field fires "change" then "submit": without
    hx-sync both requests replaced the list, and a "Show more ideas" page
    loaded between the two responses was lost."""
    watcher = open_browser(site.base_urls[0])
    watcher.sign_in(WATCHER_EMAIL)
    watcher.open_live_board(lab_pages["board"])
    page = watcher.page
    page.evaluate(COUNT_LIST_SWAPS)

    page.locator("#filter-q").fill(SEARCHED_TITLE)
    page.locator("#filter-q").press("Enter")

    body = page.locator("body")
    expect(body).not_to_have_attribute("data-list-swaps", "0")
    page.wait_for_timeout(SECOND_SWAP_WAIT_MS)
    expect(body).to_have_attribute("data-list-swaps", "1")
    cards = page.locator("#idea-list article.idea")
    expect(cards.filter(has_text="Autre sujet")).to_have_count(0)
    assert watcher.problems == []


def hide_idea_of_card(moderator: BrowserUser, card) -> None:
    """Hide the card's idea from its page; the moderation queue opens."""
    moderator.goto(card.locator("h3 a").get_attribute("href"))
    with moderator.page.expect_navigation():
        moderator.page.locator("form[action$='/hide/'] [type=submit]").click()


@pytest.mark.browser
def test_projection_keeps_maximum_of_ideas(site, lab_pages, open_browser):
    screen = open_browser(site.base_urls[0], viewport={"width": 1920, "height": 1080})
    author = open_browser(site.base_urls[-1])
    screen.sign_in(FACILITATOR_EMAIL)
    author.sign_in(AUTHOR_EMAIL)
    screen.open_live_board(lab_pages["projection"])
    author.open_live_board(lab_pages["challenge"])
    cards = screen.page.locator("#idea-list article.idea")
    hidden = screen.page.locator("#idea-list-hidden")
    hidden_count = hidden.locator(".projection__hidden-count")
    expect(cards).to_have_count(PROJECTION_MAX_IDEAS)
    expect(hidden).to_be_visible()
    expect(hidden_count).to_have_text(str(CHALLENGE_IDEAS - PROJECTION_MAX_IDEAS))
    oldest_card_id = cards.last.get_attribute("id")
    title = f"Idée arrivée en direct {uuid.uuid4().hex[:8]}"

    post_idea(author, title)

    expect(cards.first).to_contain_text(title, timeout=LIVE_UPDATE_DEADLINE_MS)
    expect(cards).to_have_count(PROJECTION_MAX_IDEAS)
    expect(screen.page.locator(f"#{oldest_card_id}")).to_have_count(0)
    expect(hidden_count).to_have_text(str(CHALLENGE_IDEAS + 1 - PROJECTION_MAX_IDEAS))
    new_card_id = cards.first.get_attribute("id")
    author.page.locator(f"#{new_card_id} button.vote-button").click()
    expect(screen.page.locator(f"#{new_card_id}-votes")).to_have_text(
        "1", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    screenshot(screen, "lab-projection-maximum")

    # Hiding a shown idea brings the oldest hidden one back on screen.
    screen.page.evaluate(
        "window.__listBeforeRemoval = document.getElementById('idea-list')"
    )
    moderator = open_browser(site.base_urls[0])
    moderator.sign_in(FACILITATOR_EMAIL)
    hide_idea_of_card(moderator, cards.first)

    expect(screen.page.locator(f"#{new_card_id}")).to_have_count(
        0, timeout=RECONNECT_DEADLINE_MS
    )
    expect(screen.page.locator(f"#{oldest_card_id}")).to_have_count(1)
    expect(cards).to_have_count(PROJECTION_MAX_IDEAS)
    expect(hidden_count).to_have_text(str(CHALLENGE_IDEAS - PROJECTION_MAX_IDEAS))

    # A restored idea goes back to its own place, not first.
    last_card_id = cards.last.get_attribute("id")
    hide_idea_of_card(moderator, cards.last)
    expect(screen.page.locator(f"#{last_card_id}")).to_have_count(
        0, timeout=RECONNECT_DEADLINE_MS
    )
    restore_button = moderator.page.locator(
        f"form[action$='/ideas/{last_card_id.removeprefix('idea-')}/restore/'] "
        "[type=submit]"
    )
    with moderator.page.expect_navigation():
        restore_button.click()
    expect(cards.last).to_have_id(last_card_id, timeout=RECONNECT_DEADLINE_MS)
    expect(cards).to_have_count(PROJECTION_MAX_IDEAS)
    expect(hidden_count).to_have_text(str(CHALLENGE_IDEAS - PROJECTION_MAX_IDEAS))

    # The results carry the count of every idea, shown on screen or not.
    screen.page.evaluate(RECORD_OOB_ERRORS)
    moderator.goto(lab_pages["phase"])
    moderator.page.locator("select[name=phase]").select_option("results")
    moderator.page.locator(".phase-control__form [type=submit]").click()
    expect(screen.page.locator("#challenge-phase")).to_have_attribute(
        "data-phase", "results", timeout=LIVE_UPDATE_DEADLINE_MS
    )
    expect(cards).to_have_count(PROJECTION_MAX_IDEAS)
    assert screen.page.evaluate("window.__oobErrors") == []
    assert screen.problems == []
    assert author.problems == []
    assert moderator.problems == []
