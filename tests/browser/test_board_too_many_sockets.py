"""A tab whose socket the server closed for too many sockets stays stopped
and keeps its notice, even after the network goes and comes back, until the
page is loaded again."""

from contextlib import ExitStack

import pytest
from django.conf import settings
from playwright.sync_api import expect
from websockets.sync.client import connect

from tests.browser.test_board_offline import RECONNECT_DEADLINE_MS
from tests.browser.test_board_pages_live import (
    is_history_restore,
    search_board,
    wait_for_new_socket,
)
from tests.browser.test_lab_challenge import (
    LIVE_UPDATE_DEADLINE_MS,
    PARTICIPANT_EMAIL,
    challenge_path,
)

# The limit of the served settings (cms.settings.base).
SOCKETS_PER_PERSON = 30


def open_sockets_as(person, count: int, stack: ExitStack) -> None:
    """Open ``count`` sockets of the person's board with their session, as
    many more tabs would."""
    socket_path = person.page.locator("#board-live").get_attribute("ws-connect")
    session = next(
        cookie["value"]
        for cookie in person.context.cookies()
        if cookie["name"] == settings.SESSION_COOKIE_NAME
    )
    address = person.base_url.replace("http://", "ws://", 1) + socket_path
    headers = {
        "Origin": person.base_url,
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
    }
    for _ in range(count):
        stack.enter_context(connect(address, additional_headers=headers))


@pytest.mark.browser
def test_stopped_tab_keeps_notice_offline(site, open_browser):
    person = open_browser(site.base_urls[0])
    person.sign_in(PARTICIPANT_EMAIL)
    person.open_live_board(challenge_path(site, "fr"))
    notice = person.page.locator("#board-connection")

    with ExitStack() as stack:
        open_sockets_as(person, SOCKETS_PER_PERSON, stack)
        expect(notice).to_contain_text(
            "trop d’onglets", timeout=LIVE_UPDATE_DEADLINE_MS
        )
        person.context.set_offline(True)
        person.context.set_offline(False)
        # A tab that was not stopped reconnects within this time.
        person.page.wait_for_timeout(RECONNECT_DEADLINE_MS)

        opened = person.page.evaluate("() => window.__smartcornerSocketsOpened")

    assert "trop d’onglets" in notice.inner_text()
    assert opened == 1


@pytest.mark.browser
def test_page_from_history_live_again(site, open_browser):
    """Going back opens a new socket, like the reload that the notice
    recommends, so the restored page is live and shows the offline notice."""
    person = open_browser(site.base_urls[0])
    person.sign_in(PARTICIPANT_EMAIL)
    person.open_live_board(challenge_path(site, "fr"))
    search_board(person, "accueil")
    notice = person.page.locator("#board-connection")

    with ExitStack() as stack:
        open_sockets_as(person, SOCKETS_PER_PERSON, stack)
        expect(notice).to_contain_text(
            "trop d’onglets", timeout=LIVE_UPDATE_DEADLINE_MS
        )
        with person.page.expect_response(is_history_restore):
            person.page.go_back()
        wait_for_new_socket(person, 2)
        person.context.set_offline(True)

        expect(notice).to_contain_text("interrompues")
        person.context.set_offline(False)
