"""Facilitators reviewing and restoring hidden ideas and hidden comments."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.groups import LAB_FACILITATORS
from audit.models import AuditEvent
from ideation import comments, exports, moderation, notifications, services
from ideation.models import (
    Comment,
    EmailFrequency,
    FlagReason,
    Idea,
    Notification,
    NotificationKind,
)
from ideation.search import search_ideas
from tests.ideation.conftest import HTMX, make_challenge, make_user


@pytest.fixture
def general_facilitator(facilitator):
    group, _created = Group.objects.get_or_create(name=LAB_FACILITATORS)
    facilitator.groups.add(group)
    return facilitator


@pytest.fixture
def hidden_idea(agent, board, general_facilitator):
    idea = services.post_idea(agent, board, "Idée masquée zanzibar", "Hors charte.")
    moderation.hide_idea(general_facilitator, idea.pk, "Propos hors charte")
    return Idea.objects.get(pk=idea.pk)


@pytest.fixture
def hidden_comment(visible_comment, general_facilitator):
    moderation.hide_comment(general_facilitator, visible_comment.pk)
    return Comment.objects.get(pk=visible_comment.pk)


@pytest.fixture
def visible_comment(agent, other_agent, idea):
    return comments.post_comment(other_agent, idea.pk, "Commentaire déplacé kiwi")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def idea_page(idea) -> str:
    return reverse("ideation:idea", args=[idea.pk])


# The page of a hidden idea


def test_hidden_idea_page_open_to_facilitator(facilitator_client, hidden_idea):
    response = facilitator_client.get(idea_page(hidden_idea))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Idée masquée zanzibar" in body
    assert "Cette idée est masquée." in body
    restore_url = reverse("ideation:idea_restore", args=[hidden_idea.pk])
    assert f'action="{restore_url}"' in body
    assert "Rétablir l’idée" in body


def test_hidden_idea_page_offers_no_participation(facilitator_client, hidden_idea):
    body = facilitator_client.get(idea_page(hidden_idea)).content.decode()

    assert 'id="comment-form"' not in body
    assert reverse("ideation:idea_hide", args=[hidden_idea.pk]) not in body
    assert reverse("ideation:follow", args=[hidden_idea.pk]) not in body


@pytest.mark.parametrize("reader", ["agent", "other_agent", "partner"])
def test_hidden_idea_page_not_found_for_others(request, reader, hidden_idea):
    client = client_for(request.getfixturevalue(reader))

    response = client.get(idea_page(hidden_idea))

    assert response.status_code == 404


def test_hidden_idea_page_anonymous_sign_in(anonymous_client, hidden_idea):
    response = anonymous_client.get(idea_page(hidden_idea))

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert hidden_idea.title not in response.content.decode()


def test_hidden_idea_page_not_found_for_other_board_facilitator(
    agent, site_root, facilitator
):
    challenge = make_challenge(site_root, facilitators=[facilitator])
    someone_else = make_user("Gaston", "Animateur")
    group, _created = Group.objects.get_or_create(name=LAB_FACILITATORS)
    someone_else.groups.add(group)
    idea = services.post_idea(agent, challenge, "Idée du défi", "")
    moderation.hide_idea(facilitator, idea.pk)

    response = client_for(someone_else).get(idea_page(idea))

    assert response.status_code == 404
    assert client_for(facilitator).get(idea_page(idea)).status_code == 200


def test_hidden_idea_stays_out_of_lists_for_facilitator(
    general_facilitator, facilitator_client, board, hidden_idea
):
    facilitator_client.get(idea_page(hidden_idea))

    fragment = facilitator_client.get(
        reverse("ideation:ideas", args=[board.pk]), **HTMX
    )
    csv_text = exports.render_csv(general_facilitator, board, "french").decode()
    found = search_ideas(general_facilitator, "zanzibar", "fr")

    assert "zanzibar" not in fragment.content.decode()
    assert "zanzibar" not in csv_text
    assert found == []
    assert not Idea.objects.visible_to(general_facilitator).filter(pk=hidden_idea.pk)


def test_hidden_idea_restored_from_its_page(facilitator_client, hidden_idea):
    restore_url = reverse("ideation:idea_restore", args=[hidden_idea.pk])

    response = facilitator_client.post(restore_url, {"back": "idea"})

    assert response.status_code == 302
    assert response["Location"] == idea_page(hidden_idea)
    assert not Idea.objects.get(pk=hidden_idea.pk).is_hidden


def test_hide_comment_redirect_reaches_hidden_idea(
    general_facilitator, facilitator_client, other_agent, hidden_idea
):
    Idea.objects.filter(pk=hidden_idea.pk).update(is_hidden=False)
    comment = comments.post_comment(other_agent, hidden_idea.pk, "Avis")
    Idea.objects.filter(pk=hidden_idea.pk).update(is_hidden=True)

    response = facilitator_client.post(
        reverse("ideation:comment_hide", args=[comment.pk]), follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == idea_page(hidden_idea)


# Hidden comments


def test_queue_lists_hidden_comment_with_restore(
    general_facilitator, facilitator_client, hidden_comment
):
    restore_url = reverse("ideation:comment_restore", args=[hidden_comment.pk])

    body = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    assert "Commentaires masqués" in body
    assert "Commentaire déplacé kiwi" in body
    assert f'action="{restore_url}"' in body
    assert "Masqué par Fanny Animatrice" in body


def test_queue_counts_hidden_comments_past_the_list(
    general_facilitator, facilitator_client, other_agent, idea, monkeypatch
):
    monkeypatch.setattr(moderation, "HIDDEN_COMMENTS_LISTED", 2)
    for number in range(3):
        comment = comments.post_comment(other_agent, idea.pk, f"Masqué n° {number}")
        moderation.hide_comment(general_facilitator, comment.pk)

    body = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    assert "Masqué n° 2" in body
    assert "Masqué n° 1" in body
    assert "Masqué n° 0" not in body
    assert "Les 2 plus récents des 3 commentaires masqués sont affichés." in body


def test_queue_hidden_comments_only_of_facilitated_boards(
    agent, other_agent, site_root, facilitator, general_facilitator
):
    challenge = make_challenge(site_root, facilitators=[make_user("Hugo", "Autre")])
    idea = services.post_idea(agent, challenge, "Idée d’un autre défi", "")
    comment = comments.post_comment(other_agent, idea.pk, "Ailleurs")
    Comment.objects.filter(pk=comment.pk).update(is_hidden=True)

    queue = moderation.get_queue_for(general_facilitator)

    assert queue["hidden_comments"] == []
    assert queue["hidden_comments_total"] == 0


def test_idea_page_shows_hidden_comment_to_facilitator(
    facilitator_client, idea, hidden_comment
):
    body = facilitator_client.get(idea_page(idea)).content.decode()

    assert f'id="hidden-comment-{hidden_comment.pk}"' in body
    assert "Commentaire déplacé kiwi" in body
    restore_url = reverse("ideation:comment_restore", args=[hidden_comment.pk])
    assert f'action="{restore_url}"' in body


@pytest.mark.parametrize("reader", ["agent", "other_agent"])
def test_idea_page_hides_hidden_comment_from_others(
    request, reader, idea, hidden_comment
):
    client = client_for(request.getfixturevalue(reader))

    body = client.get(idea_page(idea)).content.decode()

    assert "Commentaire déplacé kiwi" not in body
    assert "hidden-comment-" not in body


def test_restoring_comment_brings_back_replies(
    agent, other_agent, idea, general_facilitator
):
    top = comments.post_comment(other_agent, idea.pk, "Premier")
    comments.post_comment(agent, idea.pk, "Réponse", top.pk)
    moderation.hide_comment(general_facilitator, top.pk)

    moderation.restore_comment(general_facilitator, top.pk)

    assert Idea.objects.get(pk=idea.pk).comment_count == 2
    assert Comment.objects.visible().filter(idea=idea).count() == 2


def test_restoring_comment_sends_restored_message(
    general_facilitator,
    hidden_comment,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_comment(general_facilitator, hidden_comment.pk)

    assert len(sent_messages) == 1
    html = sent_messages[0][1]["html"]["fr"]
    assert 'data-event="comment.restored"' in html
    assert 'data-restored="1"' in html
    count = (
        f'<span id="idea-{hidden_comment.idea_id}-comment-count" hx-swap-oob="true">1'
    )
    assert count in html
    assert "kiwi" not in html


def test_restoring_visible_comment_sends_nothing(
    general_facilitator,
    visible_comment,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_comment(general_facilitator, visible_comment.pk)

    assert sent_messages == []


def test_restoring_comment_on_hidden_idea_sends_nothing(
    general_facilitator,
    idea,
    hidden_comment,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    moderation.hide_idea(general_facilitator, idea.pk)
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_comment(general_facilitator, hidden_comment.pk)

    assert sent_messages == []


def test_restore_comment_view_returns_to_queue(facilitator_client, hidden_comment):
    restore_url = reverse("ideation:comment_restore", args=[hidden_comment.pk])

    response = facilitator_client.post(restore_url, {"back": "queue"})

    assert response.status_code == 302
    assert response["Location"] == reverse("ideation:moderation")
    assert not Comment.objects.get(pk=hidden_comment.pk).is_hidden


def test_restore_comment_refused_to_participant(agent_client, hidden_comment):
    restore_url = reverse("ideation:comment_restore", args=[hidden_comment.pk])

    response = agent_client.post(restore_url)

    assert response.status_code == 403
    assert Comment.objects.get(pk=hidden_comment.pk).is_hidden


def test_moderation_recorded_in_audit_trail(general_facilitator, hidden_comment):
    moderation.restore_comment(general_facilitator, hidden_comment.pk)

    names = list(
        AuditEvent.objects.filter(target_id=str(hidden_comment.pk))
        .order_by("pk")
        .values_list("name", flat=True)
    )
    assert names == ["ideation.comment.hidden", "ideation.comment.restored"]


# Queue items


def test_queue_flag_shows_board_reporter_and_date(
    agent, other_agent, board, general_facilitator, facilitator_client
):
    idea = services.post_idea(agent, board, "Idée signalée", "")
    moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "Publicité")

    body = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    board_title = "Tableau «\u00a0Tableau des idées\u00a0»"
    assert f"{board_title} · signalé par Bruno Durand" in body
    assert "<time datetime=" in body


def test_queue_hidden_idea_shows_hiding_and_reason(facilitator_client, hidden_idea):
    body = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    assert "Masquée par Fanny Animatrice" in body
    assert "Motif\u00a0: Propos hors charte" in body


# The author's notice


def test_hiding_notifies_author_with_reason(agent, hidden_idea):
    notices = list(notifications.get_notifications_for(agent))

    assert [notice.kind for notice in notices] == [NotificationKind.HIDDEN]
    assert notices[0].reason == "Propos hors charte"
    text = notifications.describe(notices[0])
    assert (
        text
        == "Les animateurs ont masqué votre idée «\u00a0Idée masquée zanzibar\u00a0»."
    )


def test_hiding_notifies_nobody_else(agent, other_agent, board, general_facilitator):
    idea = services.post_idea(agent, board, "Idée suivie", "")
    comments.post_comment(other_agent, idea.pk, "Je suis")

    moderation.hide_idea(general_facilitator, idea.pk)

    others = Notification.objects.filter(kind=NotificationKind.HIDDEN).exclude(
        user=agent
    )
    assert not others.exists()
    assert list(notifications.get_notifications_for(other_agent)) == []


def test_hiding_notice_emailed_without_link(
    agent, board, general_facilitator, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, board, "Idée à masquer", "")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_idea(general_facilitator, idea.pk, "Publicité")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert "Les animateurs ont masqué votre idée" in mail.outbox[0].body
    assert "Motif\u00a0: Publicité" in mail.outbox[0].body
    assert f"/lab/ideas/{idea.pk}/" not in mail.outbox[0].body


def test_hiding_notice_not_emailed_when_declined(
    agent, board, general_facilitator, django_capture_on_commit_callbacks
):
    preference = notifications.get_preference(agent)
    preference.email_frequency = EmailFrequency.NEVER
    preference.save()
    idea = services.post_idea(agent, board, "Idée à masquer", "")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_idea(general_facilitator, idea.pk)

    assert mail.outbox == []
    assert notifications.unread_count(agent) == 1


def test_notifications_page_shows_hiding_without_link(agent_client, hidden_idea):
    body = agent_client.get(reverse("ideation:notifications")).content.decode()

    assert "Les animateurs ont masqué votre idée" in body
    assert "Motif\u00a0: Propos hors charte" in body
    assert reverse("ideation:idea", args=[hidden_idea.pk]) not in body


def test_hiding_twice_notifies_once(agent, hidden_idea, general_facilitator):
    moderation.hide_idea(general_facilitator, hidden_idea.pk)

    assert Notification.objects.filter(user=agent).count() == 1
