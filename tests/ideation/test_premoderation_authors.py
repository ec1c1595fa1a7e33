"""Pre-moderation seen by an idea's authors: their pending idea with its badge,
nobody else's view of it, and the notifications of the facilitators' decision."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from ideation import comments, moderation, notifications, services
from ideation.errors import IdeationError
from ideation.models import (
    EmailFrequency,
    FlagReason,
    Idea,
    Notification,
    NotificationKind,
)
from tests.concurrency import call_at_once, requires_postgresql
from tests.ideation.conftest import HTMX, make_user

BADGE_FR = "En attente de modération"


@pytest.fixture
def premoderated(challenge):
    challenge.premoderation = True
    challenge.save_revision().publish()
    challenge.refresh_from_db()
    return challenge


@pytest.fixture
def pending_idea(agent, premoderated):
    return services.post_idea(agent, premoderated, "Idée en attente zanzibar", "")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pending_idea_on_author_board_with_badge(
    agent_client, premoderated, pending_idea
):
    body = agent_client.get(premoderated.url).content.decode()

    assert pending_idea.title in body
    assert BADGE_FR in body
    assert 'data-awaiting-moderation="true"' in body


def test_pending_idea_absent_from_other_board(other_agent, premoderated, pending_idea):
    body = client_for(other_agent).get(premoderated.url).content.decode()

    assert pending_idea.title not in body
    assert BADGE_FR not in body


def test_pending_idea_page_shown_to_author(agent_client, pending_idea):
    response = agent_client.get(reverse("ideation:idea", args=[pending_idea.pk]))
    body = response.content.decode()

    assert response.status_code == 200
    assert BADGE_FR in body
    assert 'id="idea-pending-notice"' in body
    # The author cannot publish their own idea, nor comment on it yet.
    assert reverse("ideation:idea_restore", args=[pending_idea.pk]) not in body
    assert 'id="comment-form"' not in body


def test_pending_idea_page_hidden_from_others(
    other_agent, anonymous_client, pending_idea
):
    url = reverse("ideation:idea", args=[pending_idea.pk])

    assert client_for(other_agent).get(url).status_code == 404
    # A signed-out visitor is sent to sign in, whatever the idea.
    assert anonymous_client.get(url).status_code == 302


def test_pending_idea_page_shown_to_coauthor(other_agent, pending_idea):
    pending_idea.coauthors.add(other_agent)

    response = client_for(other_agent).get(
        reverse("ideation:idea", args=[pending_idea.pk])
    )

    assert response.status_code == 200
    assert BADGE_FR in response.content.decode()


def test_facilitator_page_keeps_publish_form(facilitator_client, pending_idea):
    body = facilitator_client.get(
        reverse("ideation:idea", args=[pending_idea.pk])
    ).content.decode()

    assert reverse("ideation:idea_restore", args=[pending_idea.pk]) in body
    assert 'id="idea-pending-notice"' not in body


def test_htmx_post_returns_author_card(agent_client, premoderated):
    response = agent_client.post(
        reverse("ideation:ideas", args=[premoderated.pk]),
        {"title": "Idée envoyée en htmx", "description": ""},
        **HTMX,
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert "Idée envoyée en htmx" in body
    assert BADGE_FR in body


def test_rejected_idea_hidden_from_author(agent, facilitator, pending_idea):
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")

    assert not Idea.objects.visible_to(agent).filter(pk=pending_idea.pk).exists()


@pytest.mark.parametrize(
    "action",
    [
        lambda user, idea: services.set_vote(user, idea.pk, True),
        lambda user, idea: comments.post_comment(user, idea.pk, "Mon avis"),
        lambda user, idea: moderation.flag(user, idea.pk, FlagReason.SPAM),
    ],
    ids=["vote", "comment", "flag"],
)
def test_pending_idea_takes_no_part(agent, pending_idea, sent_messages, action):
    with pytest.raises(IdeationError) as raised:
        action(agent, pending_idea)

    assert raised.value.code == "awaiting_moderation"
    assert sent_messages == []


def test_publishing_notifies_authors(
    agent, other_agent, facilitator, pending_idea, django_capture_on_commit_callbacks
):
    pending_idea.coauthors.add(other_agent)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(kind=NotificationKind.PUBLISHED)
    assert sorted(published.values_list("user", flat=True)) == sorted(
        [agent.pk, other_agent.pk]
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [agent.email, other_agent.email]
    )
    assert pending_idea.title in mail.outbox[0].body


def test_publishing_twice_notifies_once(agent, facilitator, pending_idea):
    moderation.restore_idea(facilitator, pending_idea.pk)
    moderation.restore_idea(facilitator, pending_idea.pk)

    assert (
        Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED).count()
        == 1
    )


def test_publishing_follows_email_preference(
    agent, facilitator, pending_idea, django_capture_on_commit_callbacks
):
    preference = notifications.get_preference(agent)
    preference.email_frequency = EmailFrequency.DAILY
    preference.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)

    assert mail.outbox == []
    assert (
        notifications.get_notifications_for(agent)
        .filter(kind=NotificationKind.PUBLISHED)
        .exists()
    )


def test_rejection_notifies_author_with_reason(
    agent, facilitator, pending_idea, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")

    notice = notifications.get_notifications_for(agent).get(idea=pending_idea)
    assert notice.kind == NotificationKind.REJECTED
    assert notice.reason == "Hors sujet"
    assert notifications.notification_path(notice) == ""
    assert len(mail.outbox) == 1
    assert "Hors sujet" in mail.outbox[0].body
    assert pending_idea.title in mail.outbox[0].body


def test_rejection_without_reason_notifies_author(agent, facilitator, pending_idea):
    moderation.hide_idea(facilitator, pending_idea.pk)

    notice = Notification.objects.get(user=agent, idea=pending_idea)
    assert notice.kind == NotificationKind.REJECTED
    assert notice.reason == ""


def test_decision_notifications_listed(agent_client, facilitator, pending_idea):
    moderation.restore_idea(facilitator, pending_idea.pk)
    rejected = services.post_idea(
        pending_idea.author,
        services.get_board_by_key_for(facilitator, pending_idea.board_key),
        "Idée refusée zanzibar",
        "",
    )
    moderation.hide_idea(facilitator, rejected.pk, "Doublon")

    body = agent_client.get(reverse("ideation:notifications")).content.decode()

    assert "a publié votre idée" in body
    assert "a décidé de ne pas publier votre idée" in body
    assert "Doublon" in body


def test_pending_notice_links_to_author_page(agent, other_agent, pending_idea):
    pending_idea.coauthors.add(other_agent)
    services.edit_idea(other_agent, pending_idea.pk, "Titre revu", "")

    notice = Notification.objects.get(user=agent, kind=NotificationKind.EDITED)

    assert notifications.notification_path(notice) == reverse(
        "ideation:idea", args=[pending_idea.pk]
    )


def test_queue_reject_form_sends_reason(agent, facilitator_client, pending_idea):
    queue = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    response = facilitator_client.post(
        reverse("ideation:idea_hide", args=[pending_idea.pk]), {"reason": "Doublon"}
    )

    assert f'id="reject-reason-{pending_idea.pk}"' in queue
    assert response.status_code == 302
    notice = Notification.objects.get(user=agent, idea=pending_idea)
    assert notice.kind == NotificationKind.REJECTED
    assert notice.reason == "Doublon"


def test_restoring_rejected_idea_notifies_authors(
    agent,
    other_agent,
    facilitator,
    pending_idea,
    django_capture_on_commit_callbacks,
):
    pending_idea.coauthors.add(other_agent)
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(
        idea=pending_idea, kind=NotificationKind.PUBLISHED
    )
    assert sorted(published.values_list("user", flat=True)) == sorted(
        [agent.pk, other_agent.pk]
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [agent.email, other_agent.email]
    )
    assert pending_idea.title in mail.outbox[0].body


def test_restoring_rejected_idea_notifies_once(agent, facilitator, pending_idea):
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")

    moderation.restore_idea(facilitator, pending_idea.pk)
    moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED)
    assert published.count() == 1


def test_restoring_rejected_idea_follows_preference(
    agent, facilitator, pending_idea, django_capture_on_commit_callbacks
):
    preference = notifications.get_preference(agent)
    preference.email_frequency = EmailFrequency.NEVER
    preference.save()
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)

    assert mail.outbox == []
    assert (
        notifications.get_notifications_for(agent)
        .filter(kind=NotificationKind.PUBLISHED)
        .exists()
    )


def test_restoring_hidden_published_idea_is_silent(
    agent, facilitator, pending_idea, django_capture_on_commit_callbacks
):
    """The authors were notified of the publication and of the hiding, so
    restoring the idea sends no second publication notice."""
    moderation.restore_idea(facilitator, pending_idea.pk)
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED)
    assert published.count() == 1
    assert mail.outbox == []


def test_rejected_then_restored_twice_notifies_once(agent, facilitator, pending_idea):
    """Rejected, published, hidden, restored: one publication notice."""
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    moderation.restore_idea(facilitator, pending_idea.pk)
    moderation.hide_idea(facilitator, pending_idea.pk, "Finalement hors sujet")

    moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED)
    assert published.count() == 1


def forget_visibility_events(idea) -> None:
    """Remove the idea's moderation events from the audit trail, as for an
    idea moderated before the audit trail recorded moderation."""
    AuditEvent.objects.filter(
        name__in=moderation.VISIBILITY_EVENTS, target_id=str(idea.pk)
    ).delete()


def test_restore_unaudited_rejection_notifies(
    agent,
    other_agent,
    facilitator,
    pending_idea,
    django_capture_on_commit_callbacks,
):
    pending_idea.coauthors.add(other_agent)
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    forget_visibility_events(pending_idea)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(facilitator, pending_idea.pk)
        moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(
        idea=pending_idea, kind=NotificationKind.PUBLISHED
    )
    assert sorted(published.values_list("user", flat=True)) == sorted(
        [agent.pk, other_agent.pk]
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [agent.email, other_agent.email]
    )


def test_restore_unaudited_hiding_silent(agent, facilitator, pending_idea):
    """Published, then hidden, with no audit events: restoring it sends no
    second publication notice."""
    moderation.restore_idea(facilitator, pending_idea.pk)
    moderation.hide_idea(facilitator, pending_idea.pk, "Hors sujet")
    forget_visibility_events(pending_idea)

    moderation.restore_idea(facilitator, pending_idea.pk)

    published = Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED)
    assert published.count() == 1


def get_comment_section(client, idea):
    return client.get(
        reverse("ideation:idea", args=[idea.pk]),
        {"part": "comment-section"},
        **HTMX,
    )


def test_comment_section_part_of_pending_idea(agent_client, pending_idea):
    response = get_comment_section(agent_client, pending_idea)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="comment-section"')
    assert 'id="comment-form"' not in body


def test_comment_section_part_after_publishing(agent_client, facilitator, pending_idea):
    moderation.restore_idea(facilitator, pending_idea.pk)

    response = get_comment_section(agent_client, pending_idea)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="comment-section"')
    assert 'id="comment-form"' in body
    assert "Vary" in response
    assert "HX-Request" in response["Vary"]


def test_comment_section_part_hidden_from_others(other_agent, pending_idea):
    response = get_comment_section(client_for(other_agent), pending_idea)

    assert response.status_code == 404


def test_idea_page_points_to_comment_section_part(agent_client, pending_idea):
    body = agent_client.get(
        reverse("ideation:idea", args=[pending_idea.pk])
    ).content.decode()

    url = reverse("ideation:idea", args=[pending_idea.pk])
    assert f'data-url="{url}?part=comment-section"' in body


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_restores_notify_once(agent, premoderated):
    """Two facilitators publish a rejected idea at the same moment."""
    facilitators = [make_user("Animatrice", str(number)) for number in range(2)]
    for person in facilitators:
        premoderated.facilitators.add(person)
    premoderated.save_revision().publish()
    idea = services.post_idea(agent, premoderated, "Idée refusée puis publiée", "")
    moderation.hide_idea(facilitators[0], idea.pk, "Hors sujet")
    errors = call_at_once(
        lambda person: moderation.restore_idea(person, idea.pk), facilitators
    ).errors

    assert errors == []
    published = Notification.objects.filter(user=agent, kind=NotificationKind.PUBLISHED)
    assert published.count() == 1
