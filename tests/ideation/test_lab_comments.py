"""Comments: one level of replies, authors' edits and deletions, live pushes."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ideation import comments, services
from ideation.errors import IdeationError
from ideation.models import COMMENT_MAX_LENGTH, Comment, Idea
from tests.ideation.conftest import HTMX


def test_reply_to_reply_joins_top_level_thread(agent, other_agent, idea):
    top = comments.post_comment(agent, idea.pk, "Premier")
    reply = comments.post_comment(other_agent, idea.pk, "Réponse", top.pk)

    nested = comments.post_comment(agent, idea.pk, "Réponse à la réponse", reply.pk)

    assert nested.parent_id == top.pk
    assert Idea.objects.get(pk=idea.pk).comment_count == 3


def test_author_edits_and_deletes_own_comment(agent, idea):
    comment = comments.post_comment(agent, idea.pk, "Brouillon")

    comments.edit_comment(agent, comment.pk, "Version propre")
    comment.refresh_from_db()
    edited_body = comment.body
    comments.delete_comment(agent, comment.pk)

    assert edited_body == "Version propre"
    assert Idea.objects.get(pk=idea.pk).comment_count == 0
    assert not Comment.objects.visible().filter(pk=comment.pk).exists()


def test_other_person_cannot_edit_comment(agent, other_agent, idea):
    comment = comments.post_comment(agent, idea.pk, "À moi")

    with pytest.raises(IdeationError) as error:
        comments.edit_comment(other_agent, comment.pk, "Changé")

    assert error.value.code == "not_comment_author"


def test_oversized_comment_is_refused(agent_client, idea):
    response = agent_client.post(
        reverse("ideation:comments", args=[idea.pk]),
        {"body": "x" * (COMMENT_MAX_LENGTH + 1)},
        **HTMX,
    )

    assert response.status_code == 400
    assert str(COMMENT_MAX_LENGTH) in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_view_htmx_returns_comment_and_fresh_form(agent_client, idea):
    response = agent_client.post(
        reverse("ideation:comments", args=[idea.pk]), {"body": "Bonne idée"}, **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Bonne idée" in body
    assert 'id="comment-form"' in body


class SwapTargets(HTMLParser):
    """Collect the ids of a page and the targets of its out-of-band swaps."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        swap = attributes.get("hx-swap-oob")
        if swap is None:
            return
        if ":" in swap:
            self.targets.append(swap.split(":", 1)[1])
        else:
            self.targets.append(f"#{attributes['id']}")


def parse_swaps(html: str) -> SwapTargets:
    parser = SwapTargets()
    parser.feed(html)
    return parser


def test_comment_response_swaps_find_targets(agent_client, other_agent, idea):
    earlier = comments.post_comment(other_agent, idea.pk, "Premier avis")
    page = agent_client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()

    response = agent_client.post(
        reverse("ideation:comments", args=[idea.pk]),
        {"body": "Réponse", "parent": earlier.pk},
        **HTMX,
    )

    page_ids = parse_swaps(page).ids
    targets = parse_swaps(response.content.decode()).targets
    assert response.status_code == 200
    assert targets
    for target in targets:
        assert re.fullmatch(r"#[\w-]+", target), target
        assert target[1:] in page_ids, target


def test_comment_response_lists_each_comment_once(agent_client, agent, idea):
    url = reverse("ideation:comments", args=[idea.pk])
    agent_client.post(url, {"body": "Premier"}, **HTMX)

    response = agent_client.post(url, {"body": "Second"}, **HTMX)

    html = response.content.decode()
    assert html.count('class="comment"') == 2
    assert "Premier" in html
    assert "Second" in html


def test_comment_is_pushed_live_without_author_controls(
    agent, idea, sent_messages, django_capture_on_commit_callbacks
):
    sent_messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comment = comments.post_comment(agent, idea.pk, "En direct")

    assert len(sent_messages) == 1
    message = sent_messages[0][1]
    html = message["html"]["fr"]
    assert message["type"] == "comment.posted"
    assert "En direct" in html
    assert f'data-skip-if-present="comment-{comment.pk}"' in html
    assert 'hx-swap-oob="delete"' not in html
    assert "comment_edit" not in html
    assert f'id="idea-{idea.pk}-comment-count" hx-swap-oob="true">1<' in html


def test_commenting_closed_is_refused(agent, facilitator, challenge):
    from ideation import challenges

    idea = services.post_idea(agent, challenge, "Idée", "")
    challenges.set_switches(facilitator, challenge, commenting_open=False)

    with pytest.raises(IdeationError) as error:
        comments.post_comment(agent, idea.pk, "Trop tard")

    assert error.value.code == "commenting_closed"


@pytest.mark.parametrize("rate", [{"idea_comment": (1, 60)}])
def test_commenting_too_fast_gets_429(agent_client, idea, settings, rate):
    settings.RATE_LIMITS = rate
    url = reverse("ideation:comments", args=[idea.pk])
    agent_client.post(url, {"body": "Un"})

    response = agent_client.post(url, {"body": "Deux"}, **HTMX)

    assert response.status_code == 429
    assert Comment.objects.count() == 1


def test_idea_page_refetch_answers_anchor_and_live_part(agent_client, agent, idea):
    comments.post_comment(agent, idea.pk, "Déjà là")

    response = agent_client.get(reverse("ideation:idea", args=[idea.pk]), **HTMX)

    body = response.content.decode()
    assert '<div id="idea-list" hidden data-sequence="' in body
    assert 'id="idea-live"' in body
    assert 'hx-swap-oob="true"' in body
    assert "Déjà là" in body
    assert "HX-Request" in response["Vary"]


def test_delete_asks_for_confirmation(agent, agent_client, idea):
    comment = comments.post_comment(agent, idea.pk, "À supprimer plus tard")
    delete_url = reverse("ideation:comment_delete", args=[comment.pk])

    page = agent_client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()

    confirm = re.search(
        r'<details class="comment__delete">(.*?)</details>', page, re.DOTALL
    )
    assert confirm, "the delete button sits behind a confirmation"
    assert f'action="{delete_url}"' in confirm.group(1)
    assert "Confirmer la suppression" in confirm.group(1)
    assert "Supprimer définitivement ce commentaire\u00a0?" in confirm.group(1)
    assert "Votre réponse\u00a0:" in page
