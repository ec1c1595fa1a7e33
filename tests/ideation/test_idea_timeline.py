"""An idea's timeline lists its edits and status changes in the order they
happened, with the time of day."""

from django.urls import reverse

from ideation import services, statuses
from ideation.models import IdeaStatus, StatusKind


def test_edit_after_status_comes_after_it(agent, agent_client, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée de départ", "")
    reviewed = IdeaStatus.objects.get(kind=StatusKind.UNDER_REVIEW)
    statuses.change_status(facilitator, idea.pk, reviewed.pk, "Nous regardons.")
    services.edit_idea(agent, idea.pk, "Idée précisée", "Avec des détails")

    body = agent_client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()

    posted = body.index("Idée déposée")
    status = body.index("Nous regardons.")
    edit = body.index("Idée modifiée par")
    assert posted < status < edit
    assert "Idée de départ" in body[edit:]
