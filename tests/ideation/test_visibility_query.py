"""The visibility rule adds the audience subquery only for readers who need it."""

import pytest

from ideation import services
from ideation.models import Idea
from ideation.permissions import exclude_unreadable_boards


@pytest.mark.django_db
def test_staff_queryset_is_left_as_it_is(agent, challenge):
    ideas = Idea.objects.visible()

    assert exclude_unreadable_boards(ideas, agent) is ideas
    assert "wagtailcore_page" not in str(Idea.objects.visible_to(agent).query)


@pytest.mark.django_db
def test_staff_reads_ideas_of_staff_only_challenges(agent, challenge):
    posted = services.post_idea(agent, challenge, "Tablettes pour les routes", "")

    assert list(Idea.objects.visible_to(agent)) == [posted]


@pytest.mark.django_db
def test_staff_ideas_hidden_from_partners(agent, partner, challenge, partner_challenge):
    from django.contrib.auth.models import AnonymousUser

    services.post_idea(agent, challenge, "Idée réservée aux agents", "")
    shared = services.post_idea(agent, partner_challenge, "Idée ouverte", "")

    assert list(Idea.objects.visible_to(partner)) == [shared]
    assert list(Idea.objects.visible_to(AnonymousUser())) == [shared]


@pytest.mark.django_db
def test_published_rule_leaves_out_own_pending_idea(agent, facilitator, challenge):
    challenge.premoderation = True
    challenge.save_revision().publish()
    pending = services.post_idea(agent, challenge, "Idée en attente", "")

    assert Idea.objects.visible_to(agent).filter(pk=pending.pk).exists()
    assert not Idea.objects.published_to(agent).filter(pk=pending.pk).exists()
    assert "ideation_idea_coauthors" not in str(Idea.objects.published_to(agent).query)
