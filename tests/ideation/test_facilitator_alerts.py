"""Facilitators hear of reports and of ideas awaiting moderation, once per
idea until they read it, with a link to the moderation queue."""

from django.core import mail
from django.urls import reverse

from ideation import moderation, notifications, services
from ideation.models import FlagReason, Notification, NotificationKind


def alerts_for(user, kind):
    return notifications.get_notifications_for(user).filter(kind=kind)


def test_report_alerts_facilitators_once(
    agent, other_agent, facilitator, challenge, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, challenge, "Idée discutable", "")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "Publicité")
        moderation.flag(agent, idea.pk, FlagReason.OFF_TOPIC, "")

    alerts = alerts_for(facilitator, NotificationKind.FLAGGED)
    assert alerts.count() == 1
    assert not Notification.objects.filter(
        user__in=[agent, other_agent], kind=NotificationKind.FLAGGED
    ).exists()
    alert = alerts.get()
    assert notifications.notification_path(alert) == reverse("ideation:moderation")
    assert "signalée" in notifications.describe(alert)
    sent = [message for message in mail.outbox if message.to == [facilitator.email]]
    assert len(sent) == 1
    assert reverse("ideation:moderation") in sent[0].body


def test_read_alert_lets_a_new_report_through(
    agent, other_agent, facilitator, challenge
):
    idea = services.post_idea(agent, challenge, "Idée signalée deux fois", "")
    moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "")
    notifications.mark_all_read(facilitator)

    moderation.flag(agent, idea.pk, FlagReason.SPAM, "")

    assert alerts_for(facilitator, NotificationKind.FLAGGED).count() == 2


def test_pending_idea_alerts_facilitators(agent, facilitator, premoderated_challenge):
    idea = services.post_idea(agent, premoderated_challenge, "Idée à relire", "")

    alert = alerts_for(facilitator, NotificationKind.PENDING).get()
    assert alert.idea_id == idea.pk
    assert idea.is_hidden
    assert not Notification.objects.filter(
        user=agent, kind=NotificationKind.PENDING
    ).exists()


def test_notifications_page_links_alert_to_queue(
    agent, other_agent, facilitator, facilitator_client, challenge
):
    idea = services.post_idea(agent, challenge, "Idée signalée", "")
    moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "")

    body = facilitator_client.get(reverse("ideation:notifications")).content.decode()

    assert f'href="{reverse("ideation:moderation")}"' in body
    assert "Idée signalée" in body
