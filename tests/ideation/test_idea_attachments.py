"""Files attached to ideas: checked by content, shown on the idea's page and
the projection screen, exported, replaced or removed in the edit form, and
served with the idea's visibility."""

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from ideation import attachments, broadcast, exports, moderation, services
from ideation.errors import IdeationError
from ideation.models import Idea
from tests.ideation.conftest import HTMX

OOXML_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 156)).save(buffer, image_format)
    return buffer.getvalue()


def zip_bytes(entries: dict) -> bytes:
    """Return a ZIP archive of ``entries``, the same bytes at every call: each
    pytest-xdist process collects the tests, and their ids must match."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content
            )
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def ideas_url(board):
    return reverse("ideation:ideas", args=[board.pk])


def attachment_url(idea):
    return reverse("ideation:attachment", args=[idea.pk])


def page_of(client, idea) -> str:
    return client.get(reverse("ideation:idea", args=[idea.pk])).content.decode()


ACCEPTED = [
    ("photo.png", image_bytes("PNG"), "png"),
    ("photo.jpeg", image_bytes("JPEG"), "jpg"),
    ("photo.webp", image_bytes("WEBP"), "webp"),
    ("anim.gif", image_bytes("GIF"), "gif"),
    ("note.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "pdf"),
    (
        "note.docx",
        zip_bytes({"[Content_Types].xml": OOXML_TYPES.format(main=DOCX_MAIN)}),
        "docx",
    ),
    (
        "note.odt",
        zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}),
        "odt",
    ),
    ("note.txt", "Une idée simple.\nDeuxième ligne.".encode(), "txt"),
]

REJECTED = [
    ("fake.png", b"<html><script>alert(1)</script></html>", "attachment_invalid_image"),
    ("broken.png", image_bytes("PNG")[:60], "attachment_invalid_image"),
    ("virus.exe", b"MZ\x90\x00", "attachment_type"),
    ("page.html", b"<html></html>", "attachment_type"),
    ("archive.zip", zip_bytes({"readme.txt": "bonjour"}), "attachment_type"),
    (
        "macro.docm",
        zip_bytes(
            {
                "[Content_Types].xml": OOXML_TYPES.format(
                    main="application/vnd.ms-word.document.macroEnabled.main+xml"
                )
            }
        ),
        "attachment_type",
    ),
    ("binary.txt", b"texte\x00\x01binaire", "attachment_type"),
]


@pytest.mark.parametrize(
    ("name", "content", "extension"), ACCEPTED, ids=[case[0] for case in ACCEPTED]
)
def test_check_upload_accepts_by_content(name, content, extension):
    detected = attachments.check_upload(upload(name, content))

    assert detected.extension == extension


@pytest.mark.parametrize(
    ("name", "content", "code"), REJECTED, ids=[case[0] for case in REJECTED]
)
def test_check_upload_rejects_by_content(name, content, code):
    with pytest.raises(IdeationError) as error:
        attachments.check_upload(upload(name, content))

    assert error.value.code == code


def test_check_upload_rejects_oversized_file():
    content = b"%PDF-1.4\n" + b"0" * attachments.MAX_BYTES

    with pytest.raises(IdeationError) as error:
        attachments.check_upload(upload("gros.pdf", content))

    assert error.value.code == "attachment_too_large"


def bilevel_png(width: int, height: int) -> bytes:
    """Return a black PNG of one bit per pixel: a few kilobytes for millions."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_check_upload_rejects_too_many_pixels():
    # 60 million pixels, under the 89 million where Pillow starts to warn.
    content = bilevel_png(10_000, 6_000)

    with pytest.raises(IdeationError) as error:
        attachments.check_upload(upload("plan.png", content))

    assert error.value.code == "attachment_too_many_pixels"


def test_check_upload_pillow_bomb_too_many_pixels(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)

    with pytest.raises(IdeationError) as error:
        attachments.check_upload(upload("plan.png", bilevel_png(100, 100)))

    assert error.value.code == "attachment_too_many_pixels"


def test_post_rejects_huge_image_keeping_text(agent_client, board):
    huge = upload("plan.png", bilevel_png(10_000, 6_000), "image/png")

    response = agent_client.post(
        ideas_url(board),
        {"title": "Mon idée", "description": "Mon texte détaillé", "attachment": huge},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "au plus 50 millions de pixels" in body
    assert 'value="Mon idée"' in body
    assert "Mon texte détaillé" in body
    assert not Idea.objects.exists()


def test_post_rejects_html_named_png_keeping_text(agent_client, board):
    fake = upload("fake.png", b"<html><script>alert(1)</script></html>", "image/png")

    response = agent_client.post(
        ideas_url(board),
        {"title": "Mon idée", "description": "Mon texte détaillé", "attachment": fake},
        **HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "pas une image valide" in body
    assert 'value="Mon idée"' in body
    assert "Mon texte détaillé" in body
    assert not Idea.objects.exists()


def test_post_stores_random_name_and_given_name(agent_client, board):
    photo = upload("Plan du hall.png", image_bytes(), "image/png")

    agent_client.post(ideas_url(board), {"title": "Un plan", "attachment": photo})

    idea = Idea.objects.get(title="Un plan")
    assert idea.attachment_name == "Plan du hall.png"
    assert idea.attachment.name.startswith("ideation/")
    assert idea.attachment.name.endswith(".png")
    assert "Plan" not in idea.attachment.name


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200c", "\u200b\u2060\ufeff", "\u00a0\u00a0"],
    ids=["zero-width", "joiners", "no-break-spaces"],
)
def test_post_invisible_file_name_gets_fallback(agent_client, board, name):
    """Django's parser dropped such a file, and the idea was posted without it."""
    document = upload(name, b"%PDF-1.7\n", "application/pdf")

    agent_client.post(ideas_url(board), {"title": "Un guide", "attachment": document})

    idea = Idea.objects.get(title="Un guide")
    assert idea.attachment
    assert idea.attachment_name == "piece-jointe.pdf"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\u200b.pdf", "piece-jointe.pdf"),
        (".pdf", "piece-jointe.pdf"),
        ("dossier/\u200b", "piece-jointe.pdf"),
        ("", "piece-jointe.pdf"),
        ("\u200bGuide\u200b.pdf", "Guide\u200b.pdf"),
        ("Guide", "Guide.pdf"),
    ],
)
def test_display_name_invisible_stem_gets_fallback(name, shown):
    assert attachments.display_name(name, "pdf") == shown


def test_idea_page_shows_image_with_alternative(agent_client, agent, board):
    idea = services.post_idea(
        agent,
        board,
        "Un hall lumineux",
        "",
        attachment=upload("hall.png", image_bytes()),
    )

    body = page_of(agent_client, idea)

    image = body[body.index(f'<img src="{attachment_url(idea)}"') :]
    assert 'alt="Image jointe à l’idée «\xa0Un hall lumineux\xa0»"' in image[:300]
    assert idea.attachment.url not in body


def test_idea_page_links_document_with_size(agent_client, agent, board):
    pdf = b"%PDF-1.4\n" + b"0" * 2000
    idea = services.post_idea(
        agent, board, "Un guide", "", attachment=upload("guide.pdf", pdf)
    )

    body = page_of(agent_client, idea)

    assert f'href="{attachment_url(idea)}" download' in body
    assert "guide.pdf" in body
    assert "(2,0\xa0Kio)" in body
    assert f'<img src="{attachment_url(idea)}"' not in body


def test_board_card_has_paper_clip_link(agent_client, agent, board):
    idea = services.post_idea(
        agent, board, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )

    body = agent_client.get(board.url).content.decode()

    card = body[body.index(f'id="idea-{idea.pk}"') :]
    assert f'href="{attachment_url(idea)}"' in card[: card.index("</article>")]


def test_attachment_view_serves_checked_image(agent_client, agent, board):
    idea = services.post_idea(
        agent, board, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )

    response = agent_client.get(attachment_url(idea))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == idea.attachment.open("rb").read()


def test_attachment_view_downloads_documents(agent_client, agent, board):
    idea = services.post_idea(
        agent, board, "Un guide", "", attachment=upload("guide.pdf", b"%PDF-1.7\n")
    )

    response = agent_client.get(attachment_url(idea))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "guide.pdf" in response["Content-Disposition"]


def test_hidden_idea_file_is_not_served(
    agent_client, agent, other_agent, facilitator, challenge
):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )
    moderation.hide_idea(facilitator, idea.pk)
    client = Client()
    client.force_login(other_agent)
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)

    by_author = agent_client.get(attachment_url(idea))
    by_other = client.get(attachment_url(idea))
    by_facilitator = facilitator_client.get(attachment_url(idea))

    assert by_author.status_code == 404
    assert by_other.status_code == 404
    assert by_facilitator.status_code == 200


def test_legacy_file_is_only_downloaded(agent_client, agent, board):
    idea = services.post_idea(agent, board, "Ancienne idée", "")
    idea.attachment.save("fake.png", upload("fake.png", b"<html></html>"))

    response = agent_client.get(attachment_url(idea))
    body = page_of(agent_client, idea)

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert f'<img src="{attachment_url(idea)}"' not in body
    assert "fake.png" in body


def edit(client, idea, **data):
    fields = {"title": idea.title, "description": idea.description}
    fields.update(data)
    return client.post(reverse("ideation:edit", args=[idea.pk]), fields)


def test_edit_replaces_attachment_and_deletes_old_file(
    agent_client, agent, board, django_capture_on_commit_callbacks
):
    idea = services.post_idea(
        agent, board, "Un hall", "", attachment=upload("avant.png", image_bytes())
    )
    old = idea.attachment

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            agent_client, idea, attachment=upload("apres.pdf", b"%PDF-1.4\n")
        )

    idea.refresh_from_db()
    assert response.status_code == 302
    assert idea.attachment_name == "apres.pdf"
    assert idea.attachment.name.endswith(".pdf")
    assert not old.storage.exists(old.name)


def test_edit_removes_attachment(
    agent_client, agent, board, django_capture_on_commit_callbacks
):
    idea = services.post_idea(
        agent, board, "Un hall", "", attachment=upload("avant.png", image_bytes())
    )
    old = idea.attachment

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(agent_client, idea, remove_attachment="on")

    idea.refresh_from_db()
    assert response.status_code == 302
    assert not idea.attachment
    assert idea.attachment_name == ""
    assert not old.storage.exists(old.name)


def test_edit_form_offers_attachment_fields(agent_client, agent, board):
    idea = services.post_idea(
        agent, board, "Un hall", "", attachment=upload("avant.png", image_bytes())
    )

    body = agent_client.get(reverse("ideation:edit", args=[idea.pk])).content.decode()

    assert 'enctype="multipart/form-data"' in body
    assert 'type="file" name="attachment"' in body
    assert 'name="remove_attachment"' in body
    assert "avant.png" in body


def test_edit_rejects_fake_image_keeping_text(agent_client, agent, board):
    idea = services.post_idea(agent, board, "Titre", "")

    response = edit(
        agent_client,
        idea,
        title="Titre retravaillé",
        attachment=upload("fake.png", b"<html></html>", "image/png"),
    )

    body = response.content.decode()
    idea.refresh_from_db()
    assert response.status_code == 400
    assert 'value="Titre retravaillé"' in body
    assert "pas une image valide" in body
    assert idea.title == "Titre"
    assert not idea.attachment


def test_too_large_message_matches_help_text():
    from django.utils import translation

    from ideation.attachments import MAX_BYTES

    with translation.override("fr"):
        message = IdeationError("attachment_too_large", megabytes=5).message

    assert MAX_BYTES == 5 * 1024 * 1024
    assert message.startswith("Le fichier est trop volumineux")
    assert message.endswith("envoyez au plus 5\u00a0Mo.")


def projection_body(client, challenge) -> str:
    url = reverse("ideation:projection", args=[challenge.pk])
    return client.get(url).content.decode()


def card_of(body: str, idea) -> str:
    card = body[body.index(f'id="idea-{idea.pk}"') :]
    return card[: card.index("</article>")]


def test_projection_shows_image_with_title_as_alt(facilitator_client, agent, challenge):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )

    card = card_of(projection_body(facilitator_client, challenge), idea)

    image = re.search(r'<img class="idea__projection-image"[^>]*>', card)
    assert image, "no projection image in the card"
    assert f'src="{attachment_url(idea)}"' in image.group(0)
    assert "Un hall" in re.search(r'alt="([^"]*)"', image.group(0)).group(1)


def test_projection_marks_document_without_image(facilitator_client, agent, challenge):
    idea = services.post_idea(
        agent, challenge, "Un guide", "", attachment=upload("guide.pdf", b"%PDF-1.7\n")
    )

    card = card_of(projection_body(facilitator_client, challenge), idea)

    assert 'class="idea__attachment"' in card
    assert "guide.pdf" in card
    assert "<img" not in card


def test_projection_leaves_out_hidden_idea_image(
    facilitator, facilitator_client, agent, challenge
):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )
    moderation.hide_idea(facilitator, idea.pk)

    body = projection_body(facilitator_client, challenge)

    assert f'id="idea-{idea.pk}"' not in body
    assert attachment_url(idea) not in body


def test_live_card_carries_projection_image(agent, challenge):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )

    fragment = broadcast.render_idea_posted(idea, 1, "fr")

    assert f'<img class="idea__projection-image" src="{attachment_url(idea)}"' in (
        fragment
    )


def exported_rows(facilitator, challenge, dialect) -> list[list[str]]:
    data = exports.render_csv(
        facilitator, challenge, dialect, base_url="https://lab.example.org"
    )
    delimiter = ";" if dialect == "french" else ","
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("dialect", ["french", "standard"])
def test_csv_exports_attachment_address_and_name(
    facilitator, agent, challenge, dialect
):
    idea = services.post_idea(
        agent, challenge, "Un guide", "", attachment=upload("guide.pdf", b"%PDF-1.7\n")
    )
    services.post_idea(agent, challenge, "Sans pièce jointe", "")

    rows = exported_rows(facilitator, challenge, dialect)

    address_column = rows[0].index("Adresse de la pièce jointe")
    name_column = rows[0].index("Nom de la pièce jointe")
    expected = "https://lab.example.org" + attachment_url(idea)
    assert rows[1][address_column] == expected
    assert rows[1][name_column] == "guide.pdf"
    assert rows[2][address_column] == ""
    assert rows[2][name_column] == ""
    assert idea.attachment.url not in "".join(rows[1])


def test_xlsx_export_uses_request_host_for_attachment(
    facilitator_client, agent, challenge
):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )

    response = facilitator_client.get(
        reverse("ideation:export", args=[challenge.pk, "xlsx"]),
        HTTP_HOST="localhost",
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    address = row[header.index("Adresse de la pièce jointe")]
    assert address == "http://localhost" + attachment_url(idea)
    assert row[header.index("Nom de la pièce jointe")] == "hall.png"


def test_exports_leave_out_hidden_idea_attachment(facilitator, agent, challenge):
    idea = services.post_idea(
        agent, challenge, "Un hall", "", attachment=upload("hall.png", image_bytes())
    )
    moderation.hide_idea(facilitator, idea.pk)

    csv_text = exports.render_csv(facilitator, challenge, "standard").decode()
    sheet = openpyxl.load_workbook(
        io.BytesIO(exports.render_xlsx(facilitator, challenge))
    ).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]

    assert attachment_url(idea) not in csv_text
    assert "hall.png" not in csv_text
    assert not any(attachment_url(idea) in cell for cell in cells)
