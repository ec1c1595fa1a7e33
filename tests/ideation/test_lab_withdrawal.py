"""Authors withdraw their own ideas: the idea stays, closed, with the
explanation on its timeline, and followers are notified."""

import pytest
from django.core import mail
from django.urls import reverse

from ideation import services, statuses, withdrawal
from ideation.errors import IdeationError
from ideation.forms import StatusForm
from ideation.models import IdeaStatus, Notification, StatusChange, StatusKind


def withdraw_url(idea):
    return reverse("ideation:withdraw", args=[idea.pk])


def test_author_withdraws_with_explanation(
    agent_client, agent, other_agent, idea, django_capture_on_commit_callbacks
):
    services.set_vote(other_agent, idea.pk, True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            withdraw_url(idea), {"explanation": "Une idée déjà en place la couvre."}
        )

    idea.refresh_from_db()
    change = StatusChange.objects.get(idea=idea)
    assert response.status_code == 302
    assert idea.status.kind == StatusKind.WITHDRAWN
    assert idea.is_closed
    assert change.author == agent
    assert change.feedback == "Une idée déjà en place la couvre."
    assert Notification.objects.get(user=other_agent).status_change == change
    assert "Une idée déjà en place la couvre." in mail.outbox[0].body


def test_withdrawn_idea_keeps_final_votes(agent, other_agent, idea):
    services.set_vote(other_agent, idea.pk, True)
    withdrawal.withdraw_idea(agent, idea.pk)

    with pytest.raises(IdeationError) as refused:
        services.set_vote(other_agent, idea.pk, False)

    assert refused.value.code == "idea_closed"
    idea.refresh_from_db()
    assert idea.vote_count == 1


def test_withdrawal_is_broadcast(
    agent, idea, sent_messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdrawal.withdraw_idea(agent, idea.pk)

    assert len(sent_messages) == 1
    assert "Retirée" in str(sent_messages[0][1])
    assert "status-badge--withdrawn" in str(sent_messages[0][1])


def test_only_the_poster_withdraws(agent, other_agent, idea):
    idea.coauthors.add(other_agent)

    with pytest.raises(IdeationError) as refused:
        withdrawal.withdraw_idea(other_agent, idea.pk)

    assert refused.value.code == "withdraw_author_only"
    assert not StatusChange.objects.filter(idea=idea).exists()


def test_other_person_gets_error_page(other_agent, idea, client):
    client.force_login(other_agent)

    page = client.get(withdraw_url(idea))
    posted = client.post(withdraw_url(idea), {"explanation": "Je retire."})

    assert page.status_code == 302
    assert posted.status_code == 403
    assert "Seule la personne qui a déposé" in posted.content.decode()
    idea.refresh_from_db()
    assert idea.status is None or idea.status.kind != StatusKind.WITHDRAWN


def test_second_withdrawal_keeps_text(agent_client, agent, idea):
    withdrawal.withdraw_idea(agent, idea.pk)

    response = agent_client.post(withdraw_url(idea), {"explanation": "Encore."})

    assert response.status_code == 409
    body = response.content.decode()
    assert "Vous avez déjà retiré cette idée." in body
    assert "Encore." in body
    assert StatusChange.objects.filter(idea=idea).count() == 1


def test_declined_idea_cannot_be_withdrawn(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée", "")
    declined = IdeaStatus.objects.get(kind=StatusKind.DECLINED)
    statuses.change_status(facilitator, idea.pk, declined.pk, "Hors champ.")

    with pytest.raises(IdeationError) as refused:
        withdrawal.withdraw_idea(agent, idea.pk)

    assert refused.value.code == "withdraw_closed"
    idea.refresh_from_db()
    assert not withdrawal.can_withdraw(agent, idea)


def test_overlong_explanation_keeps_text(agent_client, idea):
    text = "x" * 2001

    response = agent_client.post(withdraw_url(idea), {"explanation": text})

    assert response.status_code == 400
    assert text in response.content.decode()
    idea.refresh_from_db()
    assert idea.status is None or idea.status.kind != StatusKind.WITHDRAWN


def test_pending_idea_cannot_be_withdrawn(agent, premoderated_challenge):
    idea = services.post_idea(agent, premoderated_challenge, "En attente", "")

    with pytest.raises(IdeationError) as refused:
        withdrawal.withdraw_idea(agent, idea.pk)

    assert refused.value.code == "awaiting_moderation"


def test_facilitators_cannot_withdraw(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée", "")
    withdrawn = withdrawal.get_withdrawn_status()

    with pytest.raises(IdeationError) as refused:
        statuses.change_status(facilitator, idea.pk, withdrawn.pk)

    assert refused.value.code == "status_not_found"
    assert withdrawn not in StatusForm().fields["status"].queryset


def test_facilitator_reopens_withdrawn_idea(agent, facilitator, challenge):
    idea = services.post_idea(agent, challenge, "Idée", "")
    withdrawal.withdraw_idea(agent, idea.pk)
    reopened = IdeaStatus.objects.get(kind=StatusKind.OPEN)

    statuses.change_status(facilitator, idea.pk, reopened.pk, "Rouverte.")

    idea.refresh_from_db()
    assert withdrawal.can_withdraw(agent, idea)


def test_deleted_withdrawn_status_recreated(agent, idea):
    IdeaStatus.objects.filter(kind=StatusKind.WITHDRAWN).delete()

    withdrawal.withdraw_idea(agent, idea.pk)

    idea.refresh_from_db()
    assert idea.status.kind == StatusKind.WITHDRAWN


def test_withdraw_link_for_poster_only(agent_client, other_agent, idea, client):
    client.force_login(other_agent)
    link = f'href="{withdraw_url(idea)}"'

    assert (
        link
        in agent_client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()
    )
    assert (
        link
        not in client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()
    )


def test_withdrawn_idea_page_offers_no_edit(agent_client, agent, idea):
    page_url = reverse("ideation:idea", args=[idea.pk])
    edit_link = f'href="{reverse("ideation:edit", args=[idea.pk])}"'
    before = agent_client.get(page_url).content.decode()

    withdrawal.withdraw_idea(agent, idea.pk)
    after = agent_client.get(page_url).content.decode()

    assert edit_link in before
    assert edit_link not in after
    assert f'href="{withdraw_url(idea)}"' not in after


def test_email_indents_explanation_paragraphs(
    agent_client, other_agent, idea, django_capture_on_commit_callbacks
):
    services.set_vote(other_agent, idea.pk, True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            withdraw_url(idea),
            {"explanation": "Une autre équipe la porte.\n\nMerci à toutes et à tous."},
        )

    body = mail.outbox[0].body
    assert "  Une autre équipe la porte.\n\n  Merci à toutes et à tous.\n" in body


def test_withdrawn_idea_page_says_already_withdrawn(agent_client, agent, idea):
    withdrawal.withdraw_idea(agent, idea.pk)

    response = agent_client.get(withdraw_url(idea), follow=True)

    assert "Vous avez déjà retiré cette idée." in response.content.decode()
