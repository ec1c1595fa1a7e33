"""Every page of the demo site keeps a strict Content-Security-Policy.

The test crawls the seeded site from both home pages, as a visitor and as
signed-in people, and checks each HTML page: a CSP header whose scripts come
from this site only, no inline <script> except JSON data blocks, and no
inline event handler.
"""

import html
import re
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.models import User

# Site-relative links only: "//host/…" leaves the site.
HREF_PATTERN = re.compile(r'href="(/(?!/)[^"#]*)"')
# A JSON data block (JSON-LD, or the configuration that Wagtail's user bar
# gives its accessibility checker) is never executed, so CSP allows it.
INLINE_SCRIPT_PATTERN = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>",
    re.IGNORECASE,
)
EVENT_HANDLER_PATTERN = re.compile(r"<[^>]*\son[a-z]{3,}\s*=", re.IGNORECASE)
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"}
SKIPPED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/compte/deconnexion/",
    "/en/compte/deconnexion/",
)
# Pages of accounts that no link leads to from a visitor's home page.
ACCOUNT_PAGES = [
    "/compte/connexion/",
    "/en/compte/connexion/",
    "/compte/profil/",
    "/en/compte/profil/",
    "/compte/invitations/",
    "/compte/mes-donnees/supprimer/",
]
MAX_PAGES = 150
# Query-string variants followed per path (filters, pages of a list).
MAX_VARIANTS = 3


def script_sources(header: str) -> list[str]:
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        directives[name.lower()] = sources
    return directives.get("script-src", directives.get("default-src", []))


def check_page(path: str, response) -> list[str]:
    """Return the CSP problems of one HTML page."""
    problems = []
    header = response.get("Content-Security-Policy")
    if not header:
        return [f"{path}: no Content-Security-Policy header"]
    sources = script_sources(header)
    if not sources or UNSAFE_SOURCES & set(sources):
        problems.append(f"{path}: script-src is {sources}")
    content = response.content.decode()
    for match in INLINE_SCRIPT_PATTERN.finditer(content):
        problems.append(f"{path}: inline script {match.group(0)}")
    for match in EVENT_HANDLER_PATTERN.finditer(content):
        problems.append(f"{path}: inline event handler {match.group(0)[:80]}")
    return problems


def crawl(client: Client, start_paths: list[str]) -> tuple[int, list[str]]:
    """Visit the site's pages breadth-first; return the count and the problems."""
    queue = deque(start_paths)
    seen: set[str] = set()
    variants: Counter = Counter()
    problems: list[str] = []
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        parts = urlsplit(path)
        if path in seen or path.startswith(SKIPPED_PREFIXES):
            continue
        if parts.query:
            if variants[parts.path] >= MAX_VARIANTS:
                continue
            variants[parts.path] += 1
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.append(response["Location"])
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if response.status_code == 200:
            problems.extend(check_page(path, response))
        for link in HREF_PATTERN.findall(response.content.decode()):
            queue.append(html.unescape(link))
    return len(seen), problems


@pytest.mark.django_db
def test_every_page_keeps_strict_csp():
    call_command("seed_demo", verbosity=0)
    visitor = Client()
    agent = Client()
    agent.force_login(User.objects.get(email="agent@example.org"))
    editor = Client()
    editor.force_login(User.objects.get(email="editeur@example.org"))

    results = []
    for client in (visitor, agent, editor):
        cache.clear()  # the crawl must not hit the rate limits
        results.append(crawl(client, ["/", "/en/", *ACCOUNT_PAGES]))

    visited = [count for count, _problems in results]
    problems = [problem for _count, found in results for problem in found]
    assert min(visited) >= 20, f"the crawl visited too few pages: {visited}"
    kinds = Counter(problem.split(": ", 1)[1][:70] for problem in problems)
    assert problems == [], f"problems by kind: {dict(kinds)}; first: {problems[:5]}"
