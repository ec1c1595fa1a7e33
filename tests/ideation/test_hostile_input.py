"""Hostile input found by attacking a running demo: control characters,
merge chains and htmx responses that caches must keep apart."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import PageViewRestriction

from ideation import challenges, comments, exports, merging, search, services
from ideation.errors import IdeationError
from ideation.forms import IdeaForm
from ideation.models import Idea
from tests.ideation.conftest import make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_xlsx_export_survives_control_characters(facilitator_client, agent, challenge):
    # A terminal escape pasted in a title: openpyxl rejects such characters.
    services.post_idea(agent, challenge, "Titre \x1b[31m rouge", "Ligne\x0bsuivante")

    response = facilitator_client.get(
        reverse("ideation:export", args=[challenge.pk, "xlsx"])
    )

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "Titre [31m rouge"


def test_xlsx_export_strips_comment_control_characters(facilitator, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée commentée", "")
    comments.post_comment(agent, idea.pk, "Avis\x07 sonore")

    data = exports.render_xlsx(facilitator, challenge)

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert "Avis sonore" in sheet.cell(row=2, column=12).value


def test_idea_text_loses_bidi_overrides(agent, challenge):
    # Typed reversed behind U+202E, the title reads "Horaires et suggestions".
    idea = services.post_idea(
        agent, challenge, "Horaires \u202esnoitseggus te", "Avant \u2067après\u2069"
    )

    idea.refresh_from_db()
    assert idea.title == "Horaires snoitseggus te"
    assert idea.description == "Avant après"


def test_comment_loses_bidi_overrides(agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée commentée", "")

    comment = comments.post_comment(agent, idea.pk, "Avis \u202eesrever\u202c fin")

    comment.refresh_from_db()
    assert comment.body == "Avis esrever fin"


def test_tags_lose_bidi_overrides():
    form = IdeaForm({"title": "Une idée", "tags": "accueil, \u202dmairie"})

    assert form.is_valid()
    assert form.cleaned_data["tags"] == ["accueil", "mairie"]


def test_flag_page_without_bidi_override(agent_client, agent, challenge):
    idea = services.post_idea(agent, challenge, "Horaires \u202esnoitseggus", "")

    response = agent_client.get(reverse("ideation:flag", args=[idea.pk]))

    assert "\u202e" not in response.content.decode()


def test_invisible_title_is_required(agent_client, board):
    response = agent_client.post(
        reverse("ideation:ideas", args=[board.pk]),
        {"title": "\u200b \u2060\ufeff", "description": "Mon texte"},
        **HTMX,
    )

    assert response.status_code == 400
    assert "Saisissez un titre pour votre idée." in response.content.decode()
    assert "Mon texte" in response.content.decode()
    assert not Idea.objects.exists()


def test_invisible_comment_is_required(agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée commentée", "")

    with pytest.raises(IdeationError) as raised:
        comments.post_comment(agent, idea.pk, "\u200b\u200d")

    assert raised.value.code == "comment_required"


def test_normalize_text_keeps_inner_joiners():
    text = services.normalize_text("\u200b Équipe 👩\u200d💻\u00ad ")

    assert text == "Équipe 👩\u200d💻"


def test_merge_into_merged_idea_refused(facilitator, agent, challenge):
    first = services.post_idea(agent, challenge, "Idée A", "")
    second = services.post_idea(agent, challenge, "Idée B", "")
    merging.merge_ideas(facilitator, first.pk, second.pk)

    # Merging B back into A would make A and B point at each other, and
    # both would leave the board with their votes.
    with pytest.raises(IdeationError) as raised:
        merging.merge_ideas(facilitator, second.pk, first.pk)

    assert raised.value.code == "merge_invalid"
    second.refresh_from_db()
    assert second.merged_into_id is None


def test_merge_chain_keeps_votes_on_board(facilitator, agent, other_agent, challenge):
    first = services.post_idea(agent, challenge, "Idée A", "")
    second = services.post_idea(agent, challenge, "Idée B", "")
    third = services.post_idea(agent, challenge, "Idée C", "")
    merging.merge_ideas(facilitator, second.pk, third.pk)
    services.set_vote(other_agent, first.pk, True)

    with pytest.raises(IdeationError):
        merging.merge_ideas(facilitator, first.pk, second.pk)

    listed = (
        Idea.objects.visible_to(other_agent).listed().for_board(challenge.board_key)
    )
    assert set(listed.values_list("pk", flat=True)) == {first.pk, third.pk}


def test_comment_edit_varies_on_htmx(agent, agent_client, board):
    idea = services.post_idea(agent, board, "Idée", "")
    comment = comments.post_comment(agent, idea.pk, "Premier avis")
    url = reverse("ideation:comment_edit", args=[comment.pk])

    page = agent_client.get(url)
    fragment = agent_client.get(url, **HTMX)

    assert page.content != fragment.content
    assert "HX-Request" in page.get("Vary", "")
    assert "HX-Request" in fragment.get("Vary", "")


def test_comment_edit_refused_when_comments_closed(facilitator, agent, challenge):
    idea = services.post_idea(agent, challenge, "Idée débattue", "")
    comment = comments.post_comment(agent, idea.pk, "Premier avis")
    challenges.set_switches(facilitator, challenge, commenting_open=False)

    with pytest.raises(IdeationError) as raised:
        comments.edit_comment(agent, comment.pk, "Avis réécrit après la clôture")

    assert raised.value.code == "commenting_closed"
    comment.refresh_from_db()
    assert comment.body == "Premier avis"


@pytest.mark.parametrize(
    ("uploaded_name", "content", "shown_name"),
    [
        # A PDF that also reads as a web page must not download as one.
        ("rapport.html", b"%PDF-1.4\n<script>alert(1)</script>", "rapport.pdf"),
        ("photo.exe", None, "photo.png"),
        ("photo.PNG", None, "photo.PNG"),
        ("scan.jpeg", "jpeg", "scan.jpeg"),
        ("sans-extension", b"%PDF-1.4\n", "sans-extension.pdf"),
    ],
)
def test_attachment_name_takes_detected_extension(
    agent, board, uploaded_name, content, shown_name
):
    if content is None or content == "jpeg":
        buffer = io.BytesIO()
        Image.new("RGB", (2, 2)).save(buffer, "PNG" if content is None else "JPEG")
        content = buffer.getvalue()
    upload = SimpleUploadedFile(uploaded_name, content)

    idea = services.post_idea(agent, board, "Idée jointe", "", attachment=upload)

    assert idea.attachment_name == shown_name


@pytest.fixture
def group_board(board):
    """``board`` restricted to the members of one group."""
    group = Group.objects.create(name="Comité restreint")
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return board


def test_latest_ideas_leave_out_restricted_board(agent, group_board):
    services.post_idea(agent, group_board, "Zorglub réservé au comité", "")

    anonymous = services.get_latest_ideas_for(AnonymousUser())
    outsider = services.get_latest_ideas_for(agent)

    assert list(anonymous) == []
    assert list(outsider) == []


def test_search_leaves_out_restricted_board(agent, group_board):
    services.post_idea(agent, group_board, "Zorglub réservé au comité", "")
    member = make_user("Membre", "Comité")
    member.groups.add(Group.objects.get(name="Comité restreint"))

    anonymous = search.search_ideas(AnonymousUser(), "zorglub", "fr")
    found_by_member = search.search_ideas(member, "zorglub", "fr")

    assert anonymous == []
    assert len(found_by_member) == 1


def test_lists_leave_out_unpublished_board(agent, board):
    services.post_idea(agent, board, "Grimblax retiré", "")
    board.unpublish()

    latest = services.get_latest_ideas_for(agent)
    found = search.search_ideas(agent, "grimblax", "fr")

    assert list(latest) == []
    assert found == []
