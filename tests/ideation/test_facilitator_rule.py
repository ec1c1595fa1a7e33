"""The two sides of the facilitator rule: the per-person check and the list."""

import pytest
from django.contrib.auth.models import Group

from accounts.groups import LAB_FACILITATORS
from ideation import permissions
from tests.ideation.conftest import make_challenge, make_user


@pytest.fixture
def people(db):
    """One listed facilitator, one group member, one bystander, and an
    inactive group member, none of them superusers."""
    group, _created = Group.objects.get_or_create(name=LAB_FACILITATORS)
    listed = make_user("Lise", "Listée")
    member = make_user("Gaston", "Groupe")
    member.groups.add(group)
    bystander = make_user("Bernard", "Passant")
    retired = make_user("Rita", "Retraitée")
    retired.groups.add(group)
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    return {
        "listed": listed,
        "member": member,
        "bystander": bystander,
        "retired": retired,
    }


def facilitator_names(board, people) -> tuple[set[str], set[str]]:
    """Return who ``is_facilitator`` accepts and who ``facilitators_of`` lists."""
    accepted = {
        name
        for name, person in people.items()
        if permissions.is_facilitator(person, board)
    }
    listed_ids = set(permissions.facilitators_of(board).values_list("pk", flat=True))
    listed = {name for name, person in people.items() if person.pk in listed_ids}
    return accepted, listed


def test_rule_agrees_on_challenge_with_own_facilitators(site_root, people):
    challenge = make_challenge(site_root, facilitators=[people["listed"]])

    accepted, listed = facilitator_names(challenge, people)

    assert accepted == {"listed"}
    assert listed == accepted


def test_rule_agrees_on_challenge_without_facilitators(site_root, people):
    challenge = make_challenge(site_root)

    accepted, listed = facilitator_names(challenge, people)

    assert accepted == {"member"}
    assert listed == accepted


def test_rule_agrees_on_general_board(board, people):
    accepted, listed = facilitator_names(board, people)

    assert accepted == {"member"}
    assert listed == accepted
