"""People, boards and ideas dated in known quarters, for the indicators."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from accounts.groups import COMMITTEE, EDITORS
from ideation.models import Idea, IdeaBoardPage
from stats.periods import start_of_day

PASSWORD = "stats-test-password-123"


def make_user(email, kind="agent", group=None):
    user = get_user_model().objects.create_user(
        email=email,
        password=PASSWORD,
        kind=kind,
        first_name="Dominique",
        last_name="Secret",
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def committee_member(db):
    return make_user("comite-stats@example.org", group=COMMITTEE)


@pytest.fixture
def editor(db):
    return make_user("editeur-stats@example.org", group=EDITORS)


@pytest.fixture
def agent(db):
    return make_user("agent-stats@example.org")


@pytest.fixture
def partner(db):
    return make_user("partenaire-stats@example.org", kind="partner")


@pytest.fixture
def board(db):
    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    page = IdeaBoardPage(title="Boîte à idées des indicateurs", slug="idees-stats")
    root.add_child(instance=page)
    return page


@pytest.fixture
def post_ideas(board):
    """Return a function that creates ``count`` ideas dated on ``day``."""

    def post(count: int, day: datetime.date, author=None, target=None):
        target = target or board
        author = author or make_user(f"auteur-{day:%Y%m%d}-{count}@example.org")
        ideas = Idea.objects.bulk_create(
            Idea(
                board_key=target.translation_key,
                author=author,
                title=f"Idée {index}",
                language="fr",
            )
            for index in range(count)
        )
        moment = start_of_day(day) + datetime.timedelta(hours=10)
        Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).update(
            created_at=moment
        )
        return ideas

    return post
