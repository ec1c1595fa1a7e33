"""Export and erasure of a person's Smart Lab data."""

from ideation import comments, notifications, services
from ideation.models import Comment, Follow, Idea, Vote
from ideation.personal_data import erase_user_data, export_user_data


def test_export_lists_ideas_comments_votes(agent, other_agent, board):
    idea = services.post_idea(agent, board, "Mon idée", "")
    services.set_vote(agent, idea.pk, True)
    comments.post_comment(agent, idea.pk, "Mon avis")

    data = export_user_data(agent)

    assert [row["title"] for row in data["ideas"]] == ["Mon idée"]
    assert [row["body"] for row in data["comments"]] == ["Mon avis"]
    assert [row["idea"] for row in data["votes"]] == [idea.pk]
    assert all(isinstance(rows, list) for rows in data.values())


def test_erase_anonymises_and_keeps_counters_equal_to_recount(
    agent, other_agent, board
):
    idea = services.post_idea(agent, board, "Mon idée", "")
    other_idea = services.post_idea(other_agent, board, "Autre idée", "")
    for target in (idea, other_idea):
        services.set_vote(agent, target.pk, True)
        services.set_vote(other_agent, target.pk, True)
    comments.post_comment(agent, other_idea.pk, "Mon avis")
    notifications.follow(agent, other_idea)

    erase_user_data(agent)

    assert not Vote.objects.filter(user=agent).exists()
    assert not Follow.objects.filter(user=agent).exists()
    assert Idea.objects.get(pk=idea.pk).author_id != agent.pk
    assert Comment.objects.get(body="Mon avis").author_id != agent.pk
    for row in Idea.objects.all():
        assert row.vote_count == Vote.objects.filter(idea=row).count()
        assert row.comment_count == Comment.objects.visible().filter(idea=row).count()
