"""Print, as JSON, the paths of the seeded pages that the browser tests visit.

Run inside the environment of the site under test:
``python -m tests.browser.describe_site``. The output maps each page kind
("home", "board", "event") to its path per language code, and gives the key
of the board's WebSocket group. Exits with a message when seed_demo did not
create one of those pages in every language.
"""

import json
import os
import sys

import django


def find_localized_paths(page) -> dict[str, str]:
    """Return the path of each live translation of page, by language code."""
    translations = page.get_translations(inclusive=True).live()
    return {
        translation.locale.language_code: translation.url
        for translation in translations.select_related("locale")
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()

    from django.conf import settings
    from wagtail.models import Locale, Site

    from events.models import EventPage
    from ideation.models import IdeaBoardPage

    source_locale = Locale.get_default()
    home = Site.objects.get(is_default_site=True).root_page
    board = IdeaBoardPage.objects.live().filter(locale=source_locale).first()
    event = EventPage.objects.live().filter(locale=source_locale).first()
    pages = {"home": home, "board": board, "event": event}

    paths = {}
    problems = []
    for kind, page in pages.items():
        if page is None:
            problems.append(f"no live {kind} page in {source_locale.language_code}")
            continue
        paths[kind] = find_localized_paths(page)
        for language, _name in settings.LANGUAGES:
            if not paths[kind].get(language):
                problems.append(f"{kind} page {page.pk} has no live {language} URL")
    if problems:
        sys.stderr.write("seed_demo left gaps: " + "; ".join(problems) + "\n")
        return 1

    description = {"paths": paths, "board_key": str(board.translation_key)}
    sys.stdout.write(json.dumps(description))
    return 0


if __name__ == "__main__":
    sys.exit(main())
