"""Demo content of the Smart Lab: a challenge for the demo round table.

Called by ``manage.py seed_demo`` after the core content. Running it again
creates only what is missing: the votes, comments, status and phase go with
the challenge and ideas that the run creates, and are left alone afterwards.
"""

import datetime
import logging

from django.utils import timezone

from events.models import RoundTablePage

from . import challenges, comments, services, statuses
from .errors import IdeationError
from .models import (
    Audience,
    ChallengePage,
    Idea,
    IdeaCategory,
    IdeaStatus,
    Phase,
    StatusKind,
)

logger = logging.getLogger(__name__)

CHALLENGE_SLUG = "defi-accueil-usagers"

CHALLENGE_FR = {
    "title": "Défi : mieux accueillir les usagers dans nos sites",
    "intro": "Un défi de la table ronde du Smart Lab, ouvert aux partenaires.",
    "problem": (
        "Les usagers attendent longtemps à l’accueil des maisons du Département "
        "et ne savent pas toujours à quel guichet s’adresser."
    ),
    "context": (
        "Trois sites pilotes, des agents d’accueil volontaires et un budget "
        "d’expérimentation pour l’année."
    ),
    "audience": Audience.PARTNERS,
}

CHALLENGE_EN = {
    "slug": "challenge-welcoming-residents",
    "title": "Challenge: a better welcome for residents at our sites",
    "intro": "A challenge of the Smart Lab round table, open to partners.",
    "problem": (
        "Residents wait a long time at the front desks of the département’s "
        "offices and do not always know which desk to go to."
    ),
    "context": (
        "Three pilot sites, volunteer front-desk staff and a budget for "
        "experiments this year."
    ),
}

CATEGORIES = [
    ("Accueil", "Front desk"),
    ("Numérique", "Digital"),
    ("Organisation", "Organisation"),
]

# (author, title, description, category, tags, voters)
IDEAS = [
    (
        "agent@example.org",
        "Un écran d’attente qui annonce le prochain guichet libre",
        "Un écran affiche le numéro appelé et le guichet, comme en mairie.",
        "Numérique",
        ["écran", "attente"],
        ["partenaire@example.org", "comite@example.org"],
    ),
    (
        "partenaire@example.org",
        "Des agents d’orientation mobiles aux heures de pointe",
        "Une personne avec une tablette oriente les usagers dès l’entrée.",
        "Accueil",
        ["orientation"],
        ["agent@example.org"],
    ),
    (
        "comite@example.org",
        "Prendre rendez-vous en ligne pour les démarches longues",
        "Les démarches de plus de vingt minutes se font sur rendez-vous.",
        "Organisation",
        ["rendez-vous", "en ligne"],
        ["agent@example.org", "partenaire@example.org", "animateur@example.org"],
    ),
]

COMMENTS = [
    (
        0,
        "animateur@example.org",
        "Très bonne idée : le site de Sainte-Claire a déjà un écran inutilisé.",
    ),
    (2, "agent@example.org", "Il faudrait garder un accueil sans rendez-vous."),
]


def skip_rejected(action, user, idea_id: int, *args, **kwargs) -> None:
    """Run a demo vote or comment, or log why the current state rejects it."""
    try:
        action(user, idea_id, *args, **kwargs)
    except IdeationError as error:
        logger.info(
            "demo: %s by user %s on idea %s skipped: %s",
            action.__name__,
            user.pk,
            idea_id,
            error.code,
        )


def seed(context) -> None:
    users = context.users
    challenge = seed_challenge(context)
    categories = seed_categories()
    ideas = []
    for author, title, description, category, tags, voters in IDEAS:
        idea = Idea.objects.filter(board_key=challenge.board_key, title=title).first()
        if idea is None:
            idea = services.post_idea(
                users[author],
                challenge,
                title,
                description,
                category=categories[category],
                tags=tags,
            )
            for voter in voters:
                skip_rejected(services.set_vote, users[voter], idea.pk, voted=True)
            seed_comments(users, idea, len(ideas))
            if len(ideas) == 2:
                seed_status(users, idea)
        ideas.append(idea)
    if context.command.was_created(challenge):
        challenges.set_phase(
            users["animateur@example.org"],
            challenge,
            Phase.SUBMISSION,
            timezone.now() + datetime.timedelta(days=14),
        )
        link_round_table(context, challenge)
    logger.info("smart lab demo: challenge %s with %s ideas", challenge.pk, len(ideas))


def seed_comments(users: dict, idea: Idea, index: int) -> None:
    """Post the demo comments of the idea at ``index`` in ``IDEAS``."""
    for idea_index, author, body in COMMENTS:
        if idea_index == index:
            skip_rejected(comments.post_comment, users[author], idea.pk, body)


def seed_status(users: dict, idea: Idea) -> None:
    """Put ``idea`` under review, with the facilitator's note."""
    selected = IdeaStatus.objects.filter(kind=StatusKind.UNDER_REVIEW).first()
    if selected is not None:
        statuses.change_status(
            users["animateur@example.org"],
            idea.pk,
            selected.pk,
            "Nous étudions la faisabilité avec la direction des usagers.",
        )


def seed_challenge(context) -> ChallengePage:
    command = context.command
    lab = context.spaces["lab"]
    fields = dict(CHALLENGE_FR)
    fields["starts_at"] = timezone.now() - datetime.timedelta(days=3)
    fields["ends_at"] = timezone.now() + datetime.timedelta(days=30)
    challenge = command.get_or_create_child(lab, ChallengePage, CHALLENGE_SLUG, fields)
    if command.was_created(challenge):
        challenge.facilitators.add(context.users["animateur@example.org"])
        challenge = command.publish(challenge)
        command.get_or_create_translation(challenge, CHALLENGE_EN)
    return challenge


def seed_categories() -> dict:
    categories = {}
    for name, name_en in CATEGORIES:
        category, _created = IdeaCategory.objects.get_or_create(
            name=name, defaults={"name_en": name_en}
        )
        categories[name] = category
    return categories


def link_round_table(context, challenge) -> None:
    """Make the first demo round table run its workshop on the challenge,
    when this run created both."""
    round_table = (
        RoundTablePage.objects.descendant_of(context.programme)
        .filter(locale=context.french)
        .order_by("pk")
        .first()
    )
    if round_table is None or not context.command.was_created(round_table):
        return
    if round_table.board_id != challenge.pk:
        round_table.board = challenge
        context.command.publish(round_table)
    # The English page is a page of its own: it links to the English
    # challenge, so that its visitors stay in English.
    english = round_table.get_translation_or_none(context.english)
    english_challenge = challenge.get_translation_or_none(context.english)
    target = english_challenge or challenge
    if english is not None and english.board_id != target.pk:
        english.board = target
        context.command.publish(english)
