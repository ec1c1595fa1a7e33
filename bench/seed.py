"""Create the benchmark's board, ideas and voters; print them as JSON.

Run with DJANGO_SETTINGS_MODULE=bench.settings after ``migrate``:
``python -m bench.seed VOTERS IDEAS``. Each voter gets a session and a CSRF
token, so the benchmark votes through the real HTTP endpoint without signing
in through the form.
"""

import json
import secrets
import string
import sys
import uuid

import django


def main(voter_count: int, idea_count: int) -> dict:
    django.setup()
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page

    from accounts.models import User
    from ideation import services
    from ideation.models import IdeaBoardPage

    home = Page.objects.filter(depth=2).first()
    board = IdeaBoardPage(
        title="Banc d'essai",
        slug=f"banc-{uuid.uuid4().hex[:8]}",
        locale=home.locale,
    )
    home.add_child(instance=board)
    board.save_revision().publish()
    board.refresh_from_db()

    author = User.objects.create_user(
        email=f"auteur-{uuid.uuid4().hex[:8]}@example.org", password="bench"
    )
    with translation.override("fr"):
        ideas = [
            services.post_idea(author, board, f"Idée {index}", "")
            for index in range(idea_count)
        ]
        vote_paths = {
            idea.pk: reverse("ideation:vote", args=[idea.pk]) for idea in ideas
        }

    alphabet = string.ascii_letters + string.digits
    voters = []
    for index in range(voter_count):
        voter = User.objects.create_user(
            email=f"votant{index}-{uuid.uuid4().hex[:8]}@example.org", password="bench"
        )
        client = Client()
        client.force_login(voter)
        voters.append(
            {
                "session": client.cookies["sessionid"].value,
                "csrf": "".join(secrets.choice(alphabet) for _ in range(32)),
            }
        )
    return {
        "board_key": str(board.board_key),
        "ideas": [idea.pk for idea in ideas],
        "vote_paths": {str(key): value for key, value in vote_paths.items()},
        "voters": voters,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))  # noqa: T201
