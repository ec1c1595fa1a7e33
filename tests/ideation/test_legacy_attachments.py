"""Attachments uploaded before the content checks get a random storage name
from migration 0009 and the ``rename_legacy_attachments`` command."""

import importlib
import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from PIL import Image

from ideation import legacy_attachments, services
from ideation.models import Idea

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def legacy_idea(agent, board, file_name: str, content: bytes) -> Idea:
    """Post an idea whose file is stored as before the checks: its own name,
    no ``attachment_name``."""
    idea = services.post_idea(agent, board, f"Idée {file_name}", "")
    idea.attachment.save(file_name, ContentFile(content), save=True)
    return idea


def rename_all(capture, **options) -> list[int]:
    with capture(execute=True):
        return legacy_attachments.rename_legacy_attachments(Idea, **options)


def test_image_gets_random_name_and_keeps_label(
    agent, board, django_capture_on_commit_callbacks
):
    idea = legacy_idea(agent, board, "plan-salle.png", png_bytes())
    old_name = idea.attachment.name

    moved = rename_all(django_capture_on_commit_callbacks)

    idea.refresh_from_db()
    assert moved == [idea.pk]
    assert legacy_attachments.has_random_name(idea.attachment.name)
    assert idea.attachment.name.endswith(".png")
    assert idea.attachment.name.startswith(old_name.rsplit("/", 1)[0] + "/")
    assert idea.attachment_name == "plan-salle.png"
    assert idea.attachment.open("rb").read() == png_bytes()
    assert not default_storage.exists(old_name)


def test_renamed_image_is_served_checked(
    agent_client, agent, board, django_capture_on_commit_callbacks
):
    idea = legacy_idea(agent, board, "plan-salle.png", png_bytes())

    rename_all(django_capture_on_commit_callbacks)
    response = agent_client.get(reverse("ideation:attachment", args=[idea.pk]))

    assert response["Content-Type"] == "image/png"
    assert "plan-salle.png" in response["Content-Disposition"]


def test_failed_check_gets_bin_and_download_only(
    agent_client, agent, board, django_capture_on_commit_callbacks
):
    idea = legacy_idea(agent, board, "fake.png", b"<html><script></script></html>")

    rename_all(django_capture_on_commit_callbacks)
    idea.refresh_from_db()
    response = agent_client.get(reverse("ideation:attachment", args=[idea.pk]))

    assert idea.attachment.name.endswith(".bin")
    assert idea.attachment_name == "fake.png"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_second_run_changes_nothing(agent, board, django_capture_on_commit_callbacks):
    idea = legacy_idea(agent, board, "guide.pdf", PDF_BYTES)
    rename_all(django_capture_on_commit_callbacks)
    idea.refresh_from_db()
    first_name = idea.attachment.name

    moved = rename_all(django_capture_on_commit_callbacks)

    idea.refresh_from_db()
    assert moved == []
    assert idea.attachment.name == first_name
    assert default_storage.exists(first_name)


def test_checked_upload_is_left_alone(agent, board, django_capture_on_commit_callbacks):
    upload = ContentFile(PDF_BYTES, name="note.pdf")
    idea = services.post_idea(agent, board, "Récente", "", attachment=upload)
    name = idea.attachment.name

    moved = rename_all(django_capture_on_commit_callbacks)

    idea.refresh_from_db()
    assert moved == []
    assert idea.attachment.name == name


def test_missing_file_is_skipped_and_logged(
    agent, board, caplog, django_capture_on_commit_callbacks
):
    idea = legacy_idea(agent, board, "perdu.pdf", PDF_BYTES)
    old_name = idea.attachment.name
    default_storage.delete(old_name)

    with caplog.at_level(logging.WARNING, logger="ideation.legacy_attachments"):
        moved = rename_all(django_capture_on_commit_callbacks)

    idea.refresh_from_db()
    assert moved == []
    assert idea.attachment.name == old_name
    assert f"idea {idea.pk}: attachment {old_name} is missing" in caplog.text


def test_each_moved_id_is_logged(
    agent, board, caplog, django_capture_on_commit_callbacks
):
    ideas = [
        legacy_idea(agent, board, "a.pdf", PDF_BYTES),
        legacy_idea(agent, board, "b.png", png_bytes()),
    ]

    with caplog.at_level(logging.INFO, logger="ideation.legacy_attachments"):
        rename_all(django_capture_on_commit_callbacks)

    for idea in ideas:
        assert f"idea {idea.pk}: attachment " in caplog.text


def test_dry_run_command_changes_nothing(agent, board):
    idea = legacy_idea(agent, board, "guide.pdf", PDF_BYTES)
    old_name = idea.attachment.name
    output = io.StringIO()

    call_command("rename_legacy_attachments", "--dry-run", stdout=output)

    idea.refresh_from_db()
    assert idea.attachment.name == old_name
    assert f"ideas: {idea.pk}" in output.getvalue()


def test_migration_renames_with_historical_model(
    agent, board, django_capture_on_commit_callbacks
):
    idea = legacy_idea(agent, board, "guide.pdf", PDF_BYTES)
    migration = importlib.import_module(
        "ideation.migrations.0010_rename_legacy_attachments"
    )

    state = MigrationLoader(connection).project_state(
        ("ideation", "0010_rename_legacy_attachments")
    )

    with django_capture_on_commit_callbacks(execute=True):
        migration.rename_files(state.apps, None)

    idea.refresh_from_db()
    assert legacy_attachments.has_random_name(idea.attachment.name)
    assert idea.attachment.name.endswith(".pdf")
