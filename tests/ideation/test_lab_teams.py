"""Teams of co-authors: requests answered by the authors, removals, departures,
and edits that record their editor and notify the author."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from ideation import services, teams
from ideation.errors import IdeationError
from ideation.models import (
    Idea,
    IdeaRevision,
    Notification,
    NotificationKind,
    TeamRequest,
    TeamRequestStatus,
)
from tests.ideation.conftest import make_user


def team_url(idea):
    return reverse("ideation:join", args=[idea.pk])


def answer_url(team_request):
    return reverse("ideation:team_answer", args=[team_request.idea_id, team_request.pk])


def idea_page_url(idea):
    return reverse("ideation:idea", args=[idea.pk])


def kinds_for(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def third_agent(db):
    return make_user("Chloé", "Petit")


def test_request_does_not_let_requester_edit(idea, other_agent):
    teams.request_to_join(other_agent, idea.pk)

    with pytest.raises(IdeationError) as error:
        services.edit_idea(other_agent, idea.pk, "Piraté", "")

    assert error.value.code == "not_author"
    assert Idea.objects.get(pk=idea.pk).title == idea.title
    assert not idea.coauthors.exists()


def test_request_notifies_author_in_site_and_by_email(
    idea, agent, other_agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        teams.request_to_join(other_agent, idea.pk)

    notification = Notification.objects.get(user=agent)
    assert notification.kind == NotificationKind.TEAM_REQUEST
    assert notification.team_request.user == other_agent
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert "Bruno Durand" in mail.outbox[0].body


def test_request_twice_sends_one_notification(idea, agent, other_agent):
    teams.request_to_join(other_agent, idea.pk)
    teams.request_to_join(other_agent, idea.pk)

    assert TeamRequest.objects.filter(idea=idea).count() == 1
    assert kinds_for(agent) == [NotificationKind.TEAM_REQUEST]


def test_author_cannot_request_own_idea(idea, agent):
    with pytest.raises(IdeationError) as error:
        teams.request_to_join(agent, idea.pk)

    assert error.value.code == "team_member"


def test_accepted_requester_edits_and_is_told(idea, agent, other_agent):
    team_request = teams.request_to_join(other_agent, idea.pk)

    teams.answer_request(agent, idea.pk, team_request.pk, accept=True)
    services.edit_idea(other_agent, idea.pk, "Titre commun", "")

    assert list(idea.coauthors.all()) == [other_agent]
    assert Idea.objects.get(pk=idea.pk).title == "Titre commun"
    assert NotificationKind.TEAM_ACCEPTED in kinds_for(other_agent)


def test_declined_requester_cannot_ask_again(idea, agent, other_agent):
    team_request = teams.request_to_join(other_agent, idea.pk)
    teams.answer_request(agent, idea.pk, team_request.pk, accept=False)

    with pytest.raises(IdeationError) as error:
        teams.request_to_join(other_agent, idea.pk)

    assert error.value.code == "team_request_declined"
    assert not idea.coauthors.exists()
    assert kinds_for(other_agent) == [NotificationKind.TEAM_DECLINED]


def test_coauthor_may_answer_requests(idea, agent, other_agent, third_agent):
    idea.coauthors.add(other_agent)
    team_request = teams.request_to_join(third_agent, idea.pk)

    teams.answer_request(other_agent, idea.pk, team_request.pk, accept=True)

    assert idea.coauthors.filter(pk=third_agent.pk).exists()
    assert TeamRequest.objects.get(pk=team_request.pk).answered_by == other_agent


def test_stranger_cannot_answer_requests(idea, other_agent, third_agent):
    team_request = teams.request_to_join(third_agent, idea.pk)

    with pytest.raises(IdeationError) as error:
        teams.answer_request(other_agent, idea.pk, team_request.pk, accept=True)

    assert error.value.code == "not_author"
    assert TeamRequest.objects.get(pk=team_request.pk).status == (
        TeamRequestStatus.PENDING
    )


def test_answered_request_cannot_be_answered_again(idea, agent, other_agent):
    team_request = teams.request_to_join(other_agent, idea.pk)
    teams.answer_request(agent, idea.pk, team_request.pk, accept=False)

    with pytest.raises(IdeationError) as error:
        teams.answer_request(agent, idea.pk, team_request.pk, accept=True)

    assert error.value.code == "team_request_not_found"
    assert not idea.coauthors.exists()


def test_author_removes_coauthor_who_is_told(idea, agent, other_agent):
    idea.coauthors.add(other_agent)

    teams.remove_member(agent, idea.pk, other_agent.pk)

    assert not idea.coauthors.exists()
    assert kinds_for(other_agent) == [NotificationKind.TEAM_REMOVED]
    with pytest.raises(IdeationError) as error:
        services.edit_idea(other_agent, idea.pk, "Encore moi", "")
    assert error.value.code == "not_author"


def test_coauthor_cannot_remove_others(idea, other_agent, third_agent):
    idea.coauthors.add(other_agent, third_agent)

    with pytest.raises(IdeationError) as error:
        teams.remove_member(other_agent, idea.pk, third_agent.pk)

    assert error.value.code == "team_author_only"
    assert idea.coauthors.count() == 2


def test_coauthor_leaves_team(idea, other_agent):
    idea.coauthors.add(other_agent)

    teams.leave_team(other_agent, idea.pk)

    assert not idea.coauthors.exists()


def test_coauthor_edit_records_editor_and_notifies_author(idea, agent, other_agent):
    idea.coauthors.add(other_agent)
    old_title = idea.title

    services.edit_idea(other_agent, idea.pk, "Nouveau titre", "Nouveau texte")

    revision = IdeaRevision.objects.get(idea=idea)
    notification = Notification.objects.get(user=agent)
    assert revision.editor == other_agent
    assert revision.title == old_title
    assert notification.kind == NotificationKind.EDITED
    assert notification.revision == revision


def test_author_edit_notifies_nobody(idea, agent):
    services.edit_idea(agent, idea.pk, "Nouveau titre", "")

    assert not Notification.objects.exists()


def test_partner_join_click_sends_request_only(
    partner_client, partner, facilitator, partner_challenge
):
    author = make_user("Denise", "Auteur")
    idea = services.post_idea(author, partner_challenge, "Idée d’un agent", "Texte")

    join = partner_client.post(team_url(idea), {"joined": "1"})
    edit = partner_client.post(
        reverse("ideation:edit", args=[idea.pk]), {"title": "Réécrite"}
    )

    assert join.status_code == 302
    assert edit.status_code == 302
    assert Idea.objects.get(pk=idea.pk).title == "Idée d’un agent"
    assert TeamRequest.objects.get(idea=idea).user == partner
    assert kinds_for(author) == [NotificationKind.TEAM_REQUEST]


def test_author_page_lists_request_with_answers(agent_client, idea, other_agent):
    team_request = teams.request_to_join(other_agent, idea.pk)

    body = agent_client.get(idea_page_url(idea)).content.decode()

    assert f'id="team-request-{team_request.pk}"' in body
    assert answer_url(team_request) in body
    assert "Bruno Durand" in body


def test_other_people_do_not_see_requests(idea, other_agent, third_agent, client):
    team_request = teams.request_to_join(other_agent, idea.pk)
    client.force_login(third_agent)

    body = client.get(idea_page_url(idea)).content.decode()

    assert f'id="team-request-{team_request.pk}"' not in body


def test_requester_page_says_request_waits(idea, other_agent, client):
    teams.request_to_join(other_agent, idea.pk)
    client.force_login(other_agent)

    body = client.get(idea_page_url(idea)).content.decode()

    assert 'class="idea-team__state"' in body
    assert 'name="joined" value="0"' in body
    assert 'name="joined" value="1"' not in body


def test_accept_through_view(agent_client, idea, other_agent):
    team_request = teams.request_to_join(other_agent, idea.pk)

    response = agent_client.post(answer_url(team_request), {"accept": "1"})

    assert response.status_code == 302
    assert idea.coauthors.filter(pk=other_agent.pk).exists()


def test_remove_through_view(agent_client, idea, other_agent):
    idea.coauthors.add(other_agent)
    url = reverse("ideation:team_remove", args=[idea.pk, other_agent.pk])

    response = agent_client.post(url)

    assert response.status_code == 302
    assert not idea.coauthors.exists()


def test_history_shows_editor_and_previous_version(agent_client, idea, other_agent):
    idea.coauthors.add(other_agent)
    old_title = idea.title
    services.edit_idea(other_agent, idea.pk, "Titre réécrit", "")

    body = agent_client.get(idea_page_url(idea)).content.decode()

    history = body[body.index('class="timeline"') :]
    assert "Bruno Durand" in history
    assert "<details" in history
    assert old_title in history


def test_existing_coauthor_stays_in_team(idea, other_agent, client):
    # A co-author from before team requests existed has no request row.
    idea.coauthors.add(other_agent)
    client.force_login(other_agent)

    services.edit_idea(other_agent, idea.pk, "Toujours possible", "")
    body = client.get(idea_page_url(idea)).content.decode()

    assert Idea.objects.get(pk=idea.pk).title == "Toujours possible"
    assert not TeamRequest.objects.exists()
    assert 'name="joined" value="0"' in body
    assert 'class="idea-team__state"' not in body


def test_asking_again_and_again_is_rate_limited(idea, other_agent):
    from django.test import Client

    client = Client()
    client.force_login(other_agent)
    statuses = []
    for _round in range(6):
        statuses.append(client.post(team_url(idea), {"joined": "1"}).status_code)
        client.post(team_url(idea), {"joined": "0"})

    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert not TeamRequest.objects.filter(idea=idea, user=other_agent).exists()


def test_join_button_described_by_its_help(idea, other_agent, client):
    """Screen readers read what joining means when the button has focus."""
    client.force_login(other_agent)

    page = BeautifulSoup(client.get(idea_page_url(idea)).content, "html.parser")

    button = page.find("form", action=team_url(idea)).find("button")
    help_text = page.find(id=button["aria-describedby"])
    assert "help-text" in help_text["class"]
    assert "accepter" in help_text.get_text()
