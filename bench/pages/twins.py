"""Plain Wagtail pages with the same amount of content as the measured pages.

A twin is a ``StandardPage`` whose body has one paragraph per block of text
of the measured page's ``<main>``: the same words, served by Wagtail's
simplest path (one page, one StreamField, no extra queries of ours).
"""

import html
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.browser.server import COMMAND_TIMEOUT_SECONDS, PROJECT_ROOT

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "blockquote"}

# Run by ``manage.py shell``: create or replace the twins below the home page.
CREATE_SCRIPT = """
import json, sys
from wagtail.models import Site
from home.models import StandardPage

twins = json.load(open(sys.argv[1]))
home = Site.objects.get(is_default_site=True).root_page
paths = {}
for kind, paragraphs in twins.items():
    slug = f"bench-twin-{kind}"
    StandardPage.objects.child_of(home).filter(slug=slug).delete()
    home.refresh_from_db()
    page = StandardPage(title=f"Twin of {kind}", slug=slug)
    page.body = [{"type": "paragraph", "value": p} for p in paragraphs]
    home.add_child(instance=page)
    page.save_revision().publish()
    paths[kind] = page.url
print(json.dumps(paths))
"""


class MainTextParser(HTMLParser):
    """Collect the text of block elements inside ``<main>``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth_in_main = 0
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth_in_main += 1
        elif self.depth_in_main and tag in BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "main":
            self.flush()
            self.depth_in_main -= 1
        elif self.depth_in_main and tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if self.depth_in_main and data.strip():
            self.current.append(data.strip())

    def flush(self) -> None:
        if self.current:
            self.paragraphs.append(" ".join(self.current))
        self.current = []


def extract_paragraphs(page_html: str) -> list[str]:
    """Return the page's main text as escaped ``<p>`` elements."""
    parser = MainTextParser()
    parser.feed(page_html)
    return [f"<p>{html.escape(text)}</p>" for text in parser.paragraphs]


def create_twins(
    environment: dict[str, str], pages_html: dict[str, str], work_dir: Path
) -> dict[str, str]:
    """Create one twin per measured page; return their paths by page kind."""
    twins_file = work_dir / "twins.json"
    twins = {kind: extract_paragraphs(text) for kind, text in pages_html.items()}
    twins_file.write_text(json.dumps(twins))
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            f"import sys; sys.argv = ['', {str(twins_file)!r}]\n{CREATE_SCRIPT}",
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"creating the twin pages failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
