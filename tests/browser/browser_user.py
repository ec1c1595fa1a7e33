"""A person using the site through one Playwright browser context."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page

DEMO_PASSWORD = "smartcorner-demo"
SIGN_IN_PATHS = {"fr": "/compte/connexion/", "en": "/en/compte/connexion/"}

# Counts the sockets that htmx-ext-ws has opened in the page, and the messages
# that the latest socket received. Init scripts run before the page's own
# scripts and are not subject to its Content-Security-Policy.
WEBSOCKET_OPEN_COUNTER = """
window.__smartcornerSocketsOpened = 0;
window.__smartcornerMessagesSinceOpen = 0;
document.addEventListener("htmx:wsOpen", () => {
  window.__smartcornerSocketsOpened += 1;
  window.__smartcornerMessagesSinceOpen = 0;
});
document.addEventListener("htmx:wsBeforeMessage", () => {
  window.__smartcornerMessagesSinceOpen += 1;
});
"""
# BoardConsumer accepts the socket before it joins the board's group, then
# sends presence and a heartbeat. A broadcast in between reaches the page only
# through board.js's gap check (2 s of grace, then a refetch), so tests wait
# for the first message.
SOCKET_JOINED = """() =>
  window.__smartcornerSocketsOpened > 0
  && window.__smartcornerMessagesSinceOpen > 0"""


@dataclass
class BrowserUser:
    """One browser context and its page, bound to one server of the site.

    ``problems`` collects what a person would not notice but that breaks the
    site: Content-Security-Policy violations, uncaught script errors, and
    static files or pages that answer with an error status.
    """

    context: BrowserContext
    page: Page
    base_url: str
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.on("console", self._record_console_message)
        self.context.on("weberror", self._record_web_error)
        self.context.on("response", self._record_failed_response)

    def _record_console_message(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            # The source line separates a style attribute in a template from
            # one set by a script.
            where = message.location or {}
            url = where.get("url") or "unknown source"
            source = f"{url}:{where.get('lineNumber', '?')}"
            self.problems.append(
                f"CSP violation on {message.page.url} (from {source}): {message.text}"
            )

    def _record_web_error(self, web_error) -> None:
        self.problems.append(f"uncaught script error: {web_error.error}")

    def _record_failed_response(self, response) -> None:
        path = urlsplit(response.url).path
        if response.status >= 400 and path != "/favicon.ico":
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def goto(self, path: str) -> None:
        """Open a path of the site and check that it answered 200."""
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == 200, f"{path} answered HTTP {response.status}"

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, language="fr"):
        """Sign in through the real sign-in form, as a person would."""
        self.goto(SIGN_IN_PATHS[language])
        form = self.page.locator("form").filter(
            has=self.page.locator("input[name=password]")
        )
        form.locator("input[name=username]").fill(email)
        form.locator("input[name=password]").fill(password)
        with self.page.expect_navigation():
            form.locator("[type=submit]").click()
        if self.page.locator("input[name=password]").count():
            message = self.page.locator("main").inner_text()
            raise AssertionError(
                f"signing in as {email} failed; the page says:\n{message}"
            )

    def open_live_board(self, path: str) -> None:
        """Open a board page and wait until the server has joined its WebSocket
        to the board's group."""
        self.goto(path)
        self.page.wait_for_function(SOCKET_JOINED)
