"""Moderation: flags, the queue, hiding, pre-moderation, one visibility rule."""

import pytest
from django.core import mail
from django.urls import reverse

from ideation import comments, exports, moderation, notifications, services
from ideation.errors import IdeationError
from ideation.models import Flag, FlagReason, Idea, Notification
from ideation.search import search_ideas
from tests.ideation.conftest import HTMX


@pytest.fixture
def general_facilitator(facilitator):
    from django.contrib.auth.models import Group

    from accounts.groups import LAB_FACILITATORS

    group, _created = Group.objects.get_or_create(name=LAB_FACILITATORS)
    facilitator.groups.add(group)
    return facilitator


@pytest.fixture
def hidden_idea(agent, board, general_facilitator):
    idea = services.post_idea(agent, board, "Idée masquée zanzibar", "Hors charte.")
    moderation.hide_idea(general_facilitator, idea.pk)
    return Idea.objects.get(pk=idea.pk)


def test_hidden_idea_absent_from_board_page(agent_client, board, hidden_idea):
    body = agent_client.get(board.url).content.decode()

    assert hidden_idea.title not in body


def test_hidden_idea_absent_from_fragment_and_page(agent_client, board, hidden_idea):
    fragment = agent_client.get(reverse("ideation:ideas", args=[board.pk]), **HTMX)
    page = agent_client.get(reverse("ideation:idea", args=[hidden_idea.pk]))

    assert hidden_idea.title not in fragment.content.decode()
    assert page.status_code == 404


def test_hidden_idea_absent_from_search(agent, hidden_idea):
    assert search_ideas(agent, "zanzibar", "fr") == []


def test_hidden_idea_absent_from_exports(general_facilitator, board, hidden_idea):
    csv_text = exports.render_csv(general_facilitator, board, "french").decode()

    assert hidden_idea.title not in csv_text


def test_hidden_idea_absent_from_notifications(
    agent, other_agent, board, general_facilitator, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, board, "Idée suivie zanzibar", "")
    comments.post_comment(other_agent, idea.pk, "Premier avis")
    moderation.hide_idea(general_facilitator, idea.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        created = notifications.notify_followers(
            Idea.objects.get(pk=idea.pk), "comment"
        )

    assert created == []
    # The author keeps only the notice that the idea was hidden.
    kinds = [item.kind for item in notifications.get_notifications_for(agent)]
    assert kinds == ["hidden"]
    assert list(notifications.get_notifications_for(other_agent)) == []
    assert mail.outbox == []


def test_hidden_idea_sends_nothing_to_channel_layer(
    agent, board, general_facilitator, sent_messages, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, board, "Idée zanzibar", "")
    moderation.hide_idea(general_facilitator, idea.pk)
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(IdeationError):
            services.set_vote(agent, idea.pk, True)
        with pytest.raises(IdeationError):
            comments.post_comment(agent, idea.pk, "Encore là ?")

    assert sent_messages == []


def test_hiding_sends_removal_without_content(
    agent, board, general_facilitator, sent_messages, django_capture_on_commit_callbacks
):
    idea = services.post_idea(agent, board, "Idée zanzibar", "Texte")
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_idea(general_facilitator, idea.pk)

    # The author's bell gets its own message, which carries no content.
    board_messages = [
        message for group, message in sent_messages if group.startswith("ideation.")
    ]
    assert len(board_messages) == 1
    html = board_messages[0]["html"]["fr"]
    assert f'id="idea-{idea.pk}" hx-swap-oob="delete"' in html
    assert "zanzibar" not in html


def test_premoderated_idea_waits_hidden_and_unbroadcast(  # noqa: PLR0917 - fixtures
    agent,
    other_agent,
    facilitator,
    premoderated_challenge,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        idea = services.post_idea(agent, premoderated_challenge, "Idée en attente", "")

    assert idea.is_hidden
    # Only the facilitator's bell hears of it, not the board.
    assert [group for group, _ in sent_messages] == [f"user.{facilitator.pk}"]
    assert idea in moderation.get_queue_for(facilitator)["pending"]
    # Its author sees it with a badge; the board's other readers do not.
    assert Idea.objects.visible_to(agent).filter(pk=idea.pk).exists()
    assert not Idea.objects.visible_to(other_agent).filter(pk=idea.pk).exists()


def test_publishing_premoderated_idea_makes_it_visible(
    agent, facilitator, premoderated_challenge
):
    idea = services.post_idea(agent, premoderated_challenge, "Idée en attente", "")

    moderation.restore_idea(facilitator, idea.pk)

    assert Idea.objects.visible_to(agent).filter(pk=idea.pk).exists()


def test_flag_goes_to_queue_of_facilitator(agent, other_agent, board, facilitator):
    idea = services.post_idea(agent, board, "Idée signalée", "")
    from django.contrib.auth.models import Group

    from accounts.groups import LAB_FACILITATORS

    facilitator.groups.add(Group.objects.get_or_create(name=LAB_FACILITATORS)[0])

    moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "Publicité")

    queue = moderation.get_queue_for(facilitator)
    assert [flag.idea_id for flag in queue["flags"]] == [idea.pk]


def test_flag_view_records_reason(agent_client, other_agent, board):
    idea = services.post_idea(other_agent, board, "Idée signalée", "")

    response = agent_client.post(
        reverse("ideation:flag", args=[idea.pk]),
        {"reason": "offensive", "details": "Propos blessants"},
    )

    assert response.status_code == 302
    assert Flag.objects.get(idea=idea).reason == "offensive"


def test_flag_view_rejects_unknown_reason(agent_client, other_agent, board):
    idea = services.post_idea(other_agent, board, "Idée signalée", "")

    response = agent_client.post(
        reverse("ideation:flag", args=[idea.pk]), {"reason": "fun"}
    )

    assert response.status_code == 400
    assert not Flag.objects.exists()


def test_hide_refused_to_participant(agent, other_agent, board):
    idea = services.post_idea(other_agent, board, "Idée", "")

    with pytest.raises(IdeationError) as error:
        moderation.hide_idea(agent, idea.pk)

    assert error.value.code == "facilitators_only"
    assert not Idea.objects.get(pk=idea.pk).is_hidden


def test_hidden_comment_leaves_counts_and_notifications(
    agent, other_agent, board, general_facilitator
):
    idea = services.post_idea(agent, board, "Idée", "")
    comment = comments.post_comment(other_agent, idea.pk, "Commentaire déplacé")

    moderation.hide_comment(general_facilitator, comment.pk)

    idea.refresh_from_db()
    assert idea.comment_count == 0
    assert Notification.objects.filter(user=agent, comment=comment).exists()
    assert not notifications.get_notifications_for(agent).filter(comment=comment)


def test_moderation_queue_refused_to_participants(agent_client):
    response = agent_client.get(reverse("ideation:moderation"))

    assert response.status_code == 403


def test_flagging_twice_keeps_one_report(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Idée signalée deux fois", "")

    first = moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "")
    second = moderation.flag(other_agent, idea.pk, FlagReason.SPAM, "")

    assert first.pk == second.pk
    assert Flag.objects.filter(idea=idea).count() == 1


def test_restoring_marks_card_as_restored(
    hidden_idea, general_facilitator, sent_messages, django_capture_on_commit_callbacks
):
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_idea(general_facilitator, hidden_idea.pk)

    assert len(sent_messages) == 1
    html = sent_messages[0][1]["html"]["fr"]
    assert 'data-event="idea.posted"' in html
    assert 'data-restored="1"' in html


def test_new_idea_card_is_not_marked_restored(
    agent, board, sent_messages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_idea(agent, board, "Idée toute neuve", "")

    html = sent_messages[-1][1]["html"]["fr"]
    assert 'data-event="idea.posted"' in html
    assert "data-restored" not in html


def test_queue_lists_hidden_idea_with_restore(
    general_facilitator, facilitator_client, hidden_idea
):
    queue = reverse("ideation:moderation")
    restore_url = reverse("ideation:idea_restore", args=[hidden_idea.pk])

    page = facilitator_client.get(queue).content.decode()
    response = facilitator_client.post(restore_url)

    assert "Idée masquée zanzibar" in page
    assert f'action="{restore_url}"' in page
    assert response.status_code == 302
    after = facilitator_client.get(queue).content.decode()
    assert f'action="{restore_url}"' not in after
    assert "Aucune idée n’est masquée." in after


def test_queue_counts_hidden_ideas_past_the_list(
    general_facilitator, facilitator_client, agent, board, monkeypatch
):
    monkeypatch.setattr(moderation, "HIDDEN_IDEAS_LISTED", 2)
    ideas = [services.post_idea(agent, board, f"Idée cachée {n}", "") for n in range(3)]
    for idea in ideas:
        moderation.hide_idea(general_facilitator, idea.pk)

    page = facilitator_client.get(reverse("ideation:moderation")).content.decode()

    assert "Idée cachée 2" in page
    assert "Idée cachée 1" in page
    assert "Idée cachée 0" not in page
    assert "Les 2 plus récentes des 3 idées masquées sont affichées." in page


def test_rejecting_premoderated_idea_leaves_pending_list(
    agent,
    facilitator,
    premoderated_challenge,
    sent_messages,
    django_capture_on_commit_callbacks,
):
    idea = services.post_idea(agent, premoderated_challenge, "Idée refusée", "")
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_idea(facilitator, idea.pk, "Hors sujet")

    idea.refresh_from_db()
    queue = moderation.get_queue_for(facilitator)
    assert idea.is_hidden
    assert not idea.awaiting_moderation
    assert idea not in queue["pending"]
    # Only the author's bell hears of it: the board never showed the idea.
    assert [group for group, _ in sent_messages] == [f"user.{agent.pk}"]
    notice = Notification.objects.get(user=agent, idea=idea)
    assert notice.reason == "Hors sujet"
    assert not Idea.objects.visible_to(agent).filter(pk=idea.pk).exists()
