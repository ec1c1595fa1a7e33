"""Following, in-site notifications, immediate e-mails and daily digests."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ideation import comments, notifications, services, statuses
from ideation.models import (
    EmailFrequency,
    Follow,
    IdeaStatus,
    Notification,
    StatusKind,
)
from tests.ideation.conftest import HTMX


def test_author_voter_and_commenter_follow_automatically(
    agent, other_agent, facilitator, board
):
    idea = services.post_idea(agent, board, "Idée", "")
    services.set_vote(other_agent, idea.pk, True)
    comments.post_comment(facilitator, idea.pk, "Avis")

    followers = set(
        Follow.objects.filter(idea=idea, active=True).values_list("user", flat=True)
    )

    assert followers == {agent.pk, other_agent.pk, facilitator.pk}


def test_stopped_follower_is_not_followed_again(agent, other_agent, idea):
    notifications.set_following(other_agent, idea, False)

    comments.post_comment(other_agent, idea.pk, "Je commente quand même")

    assert not notifications.is_following(other_agent, idea)


def test_comment_notifies_followers_but_not_actor(agent, other_agent, idea):
    comments.post_comment(other_agent, idea.pk, "Avis")

    assert Notification.objects.filter(user=agent, idea=idea).count() == 1
    assert not Notification.objects.filter(user=other_agent).exists()


def test_immediate_email_is_sent(
    agent, other_agent, idea, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comments.post_comment(other_agent, idea.pk, "Avis")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert idea.title in mail.outbox[0].body


def test_daily_digest_groups_news(
    agent, other_agent, idea, facilitator, django_capture_on_commit_callbacks
):
    preference = notifications.get_preference(agent)
    preference.email_frequency = EmailFrequency.DAILY
    preference.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comments.post_comment(other_agent, idea.pk, "Un")
        comments.post_comment(facilitator, idea.pk, "Deux")
    immediate = [message for message in mail.outbox if message.to == [agent.email]]

    call_command("send_idea_digest", verbosity=0)
    call_command("send_idea_digest", verbosity=0)

    digests = [message for message in mail.outbox if message.to == [agent.email]]
    assert immediate == []
    assert len(digests) == 1
    assert digests[0].body.count(idea.title) == 2


def test_status_change_notifies_with_feedback_on_timeline(
    agent, other_agent, facilitator, challenge, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, challenge, "Idée", "")
    selected = IdeaStatus.objects.get(kind=StatusKind.SELECTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        statuses.change_status(facilitator, idea.pk, selected.pk, "Bravo, retenue.")

    timeline = statuses.get_timeline_for(agent, idea)
    assert [change.feedback for change in timeline] == ["Bravo, retenue."]
    assert Notification.objects.get(user=agent).kind == "status"
    assert "Bravo, retenue." in mail.outbox[0].body


def test_notification_page_shows_unread_and_marks_read(
    agent_client, agent, other_agent, idea
):
    comments.post_comment(other_agent, idea.pk, "Avis")

    page = agent_client.get(reverse("ideation:notifications"))
    agent_client.post(reverse("ideation:notifications_read"))

    assert idea.title in page.content.decode()
    assert notifications.unread_count(agent) == 0


def test_preference_form_saves_choice(agent_client, agent):
    response = agent_client.post(
        reverse("ideation:notifications"), {"email_frequency": "never"}
    )

    assert response.status_code == 302
    assert notifications.get_preference(agent).email_frequency == "never"


def test_bell_fragment_gives_the_fresh_unread_count(
    agent, other_agent, agent_client, board
):
    idea = services.post_idea(agent, board, "Idée", "")
    url = reverse("ideation:notification_bell")
    before = agent_client.get(url)
    comments.post_comment(other_agent, idea.pk, "Avis")

    after = agent_client.get(url)

    assert before.status_code == after.status_code == 200
    assert "data-bell-count>0<" in before.content.decode()
    assert "data-bell-count>1<" in after.content.decode()
    assert f'hx-get="{url}"' in after.content.decode()
    assert "no-store" in after["Cache-Control"]


def test_bell_fragment_signed_out_is_empty(anonymous_client):
    response = anonymous_client.get(reverse("ideation:notification_bell"))

    assert response.status_code == 204
    assert response.content == b""


def test_email_follows_the_reader_language(
    agent, other_agent, idea, django_capture_on_commit_callbacks
):
    agent.language = "en"
    agent.save(update_fields=["language"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comments.post_comment(other_agent, idea.pk, "Avis")

    message = mail.outbox[0]
    assert message.subject == "Smart Lab: news of an idea"
    assert f"/en/lab/ideas/{idea.pk}/" in message.body


def test_email_in_french_by_default(
    agent, other_agent, idea, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comments.post_comment(other_agent, idea.pk, "Avis")

    message = mail.outbox[0]
    assert message.subject != "Smart Lab: news of an idea"
    assert f"/lab/ideas/{idea.pk}/" in message.body
    assert "/en/" not in message.body


def test_follow_toggle_htmx_swaps_form(agent_client, agent, idea):
    url = reverse("ideation:follow", args=[idea.pk])

    stopped = agent_client.post(url, {"active": "0"}, **HTMX)
    started = agent_client.post(url, {"active": "1"}, **HTMX)

    stopped_body = stopped.content.decode()
    assert stopped.status_code == 200
    assert 'id="follow-form"' in stopped_body
    assert "Suivre cette idée" in stopped_body
    assert "Vous ne suivez plus cette idée." in stopped_body
    assert "HX-Request" in stopped["Vary"]
    started_body = started.content.decode()
    assert "Ne plus suivre" in started_body
    assert "<html" not in started_body
    assert Follow.objects.get(idea=idea, user=agent).active is True


def test_follow_toggle_without_htmx_redirects(agent_client, agent, idea):
    response = agent_client.post(
        reverse("ideation:follow", args=[idea.pk]), {"active": "0"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("ideation:idea", args=[idea.pk])
    assert Follow.objects.get(idea=idea, user=agent).active is False


def test_mark_read_htmx_announces_change(agent_client, agent, other_agent, idea):
    comments.post_comment(other_agent, idea.pk, "Avis")

    response = agent_client.post(reverse("ideation:notifications_read"), **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert body.lstrip().startswith('<div id="notifications-panel"')
    assert (
        '<div hx-swap-oob="innerHTML:#notifications-status">'
        "Toutes vos notifications sont marquées comme lues.</div>"
    ) in body
    assert 'id="lab-bell"' in body
    assert notifications.unread_count(agent) == 0


def test_preference_htmx_announces_change(agent_client, agent):
    response = agent_client.post(
        reverse("ideation:notifications"), {"email_frequency": "daily"}, **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert '<div hx-swap-oob="innerHTML:#notifications-status">' in body
    assert "Votre préférence est enregistrée." in body
    assert re.search(r'value="daily"[^>]*checked', body)
    assert notifications.get_preference(agent).email_frequency == "daily"


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        ("ideation:notifications_read", {}, "Toutes vos notifications"),
        ("ideation:notifications", {"email_frequency": "never"}, "Votre préférence"),
    ],
    ids=["mark-read", "preference"],
)
def test_change_without_htmx_shows_message(agent_client, url_name, data, message):
    response = agent_client.post(reverse(url_name), data, follow=True)

    body = response.content.decode()
    status_region = body.split('<div class="container messages" role="status">')
    assert len(status_region) == 2
    assert message in status_region[1].split("</div>")[0]
    assert '<p id="notifications-status"' in body


def test_page_has_empty_status_region(agent_client):
    body = agent_client.get(reverse("ideation:notifications")).content.decode()

    assert (
        '<p id="notifications-status" class="notifications__status" '
        'role="status" aria-live="polite"></p>'
    ) in body
    assert 'hx-target="#notifications-panel"' in body
