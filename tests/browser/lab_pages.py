"""Create a board and a challenge with many ideas, and print their paths as JSON.

Run inside the environment of the site under test, after seed_demo:
``python -m tests.browser.lab_pages``. Each run adds, beside the demo board:

- a board with ideas titled "Tri sélectif …", enough for a search to
  keep more than two pages, then newer ones titled "Autre sujet …";
- a challenge open to partners, facilitated by the demo facilitator, with
  more ideas than the projection screen shows.

The output maps "board", "challenge", "projection" and "phase" (the
facilitator's phase control) to French paths.
"""

import json
import os
import sys
import uuid

import django

SEARCHED_TITLE = "Tri sélectif"
OTHER_TITLE = "Autre sujet"
# Two full pages of 24 and a few more, so that "Show more ideas" stays
# after the second page.
SEARCHED_IDEAS = 50
OTHER_IDEAS = 10
CHALLENGE_IDEAS = 35
AUTHOR_EMAIL = "agent@example.org"
FACILITATOR_EMAIL = "animateur@example.org"


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()

    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from accounts.models import User
    from ideation import services
    from ideation.models import Audience, ChallengePage, IdeaBoardPage

    locale = Locale.get_default()
    demo_board = IdeaBoardPage.objects.live().filter(locale=locale).first()
    parent = demo_board.get_parent()
    author = User.objects.get(email=AUTHOR_EMAIL)
    suffix = uuid.uuid4().hex[:8]

    board = add_page(
        parent,
        IdeaBoardPage(
            title="Tableau aux nombreuses idées", slug=f"pages-{suffix}", locale=locale
        ),
    )
    # The others come last, so that the first page without a search
    # shows them.
    for number in range(SEARCHED_IDEAS):
        services.post_idea(author, board, f"{SEARCHED_TITLE} {number}", "")
    for number in range(OTHER_IDEAS):
        services.post_idea(author, board, f"{OTHER_TITLE} {number}", "")

    challenge = ChallengePage(
        title="Défi aux nombreuses idées",
        slug=f"defi-pages-{suffix}",
        problem="Trop d’idées pour un seul écran.",
        audience=Audience.PARTNERS,
        locale=locale,
    )
    parent.add_child(instance=challenge)
    challenge.facilitators.add(User.objects.get(email=FACILITATOR_EMAIL))
    challenge.save_revision().publish()
    challenge.refresh_from_db()
    for number in range(CHALLENGE_IDEAS):
        services.post_idea(author, challenge, f"Idée projetée {number}", "")

    with translation.override(locale.language_code):
        paths = {
            "board": board.url,
            "challenge": challenge.url,
            "projection": reverse("ideation:projection", args=[challenge.pk]),
            "phase": reverse("ideation:phase", args=[challenge.pk]),
        }
    sys.stdout.write(json.dumps(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
