"""Rename attachment files stored under a guessable name.

Files uploaded before uploads were checked by content kept the name people
gave them (``ideation/2026/11/plan.pdf``), so anyone who guesses it can fetch
it under ``/media/`` where the web server does not block that folder. This
module gives each of them the current storage name, a random hex string with
the extension of the type found in its content, in the same folder.

The content is checked as a new upload is. A file that passes keeps its type's
extension and counts as checked from then on. A file that fails, or is too
large, gets the ``.bin`` extension, which ``ideation.attachment_views`` serves
for download only. Either way ``attachment_name`` keeps the name people saw.

A file whose name already follows the scheme is left alone, so a second run
changes nothing. The migration ``0010_rename_legacy_attachments`` and the
``rename_legacy_attachments`` command call ``rename_legacy_attachments``.
"""

import logging
import re
import uuid
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction

from .attachments import check_upload, display_name
from .errors import IdeationError

logger = logging.getLogger(__name__)

# The names that ``attachments.storage_name`` gives: 32 hex digits of a UUID4.
RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.[a-z0-9]+")
# The extension of a file whose content failed the upload checks.
UNCHECKED_EXTENSION = "bin"


def has_random_name(name: str) -> bool:
    return RANDOM_NAME.fullmatch(PurePosixPath(name).name) is not None


def detect_extension(stored_file, idea_id: int) -> str:
    """Return the extension of the file's checked type, or ``bin``."""
    try:
        return check_upload(stored_file).extension
    except IdeationError as error:
        logger.info("idea %s: attachment failed the checks (%s)", idea_id, error.code)
        return UNCHECKED_EXTENSION


def rename_one(idea, storage, dry_run: bool) -> str | None:
    """Copy one idea's file to a random name; return the new name or None.

    The row is updated in a transaction, and the old file is deleted only
    once it commits, so a failed run leaves the old name working.
    """
    old_name = idea.attachment.name
    if not storage.exists(old_name):
        logger.warning(
            "idea %s: attachment %s is missing, not renamed", idea.pk, old_name
        )
        return None
    with storage.open(old_name, "rb") as stored_file:
        extension = detect_extension(stored_file, idea.pk)
        folder = PurePosixPath(old_name).parent
        new_name = str(folder / f"{uuid.uuid4().hex}.{extension}")
        label = idea.attachment_name or display_name(old_name)
        if dry_run:
            logger.info("idea %s: would rename %s to %s", idea.pk, old_name, new_name)
            return new_name
        stored_file.seek(0)
        new_name = storage.save(new_name, stored_file)
    with transaction.atomic():
        updated = (
            type(idea)
            .objects.filter(pk=idea.pk, attachment=old_name)
            .update(attachment=new_name, attachment_name=label)
        )
        if not updated:
            # The idea got another file or was deleted since it was read.
            storage.delete(new_name)
            logger.warning(
                "idea %s: attachment changed meanwhile, not renamed", idea.pk
            )
            return None
        transaction.on_commit(lambda: storage.delete(old_name), robust=True)
    logger.info("idea %s: attachment %s renamed to %s", idea.pk, old_name, new_name)
    return new_name


def rename_legacy_attachments(
    idea_model, storage=default_storage, *, dry_run: bool = False
) -> list[int]:
    """Rename every attachment of ``idea_model`` rows that has a guessable name.

    ``idea_model`` is ``Idea`` or its historical model in a migration.
    Returns the ids of the ideas whose file was (or, with ``dry_run``,
    would be) renamed.
    """
    moved = []
    ideas = idea_model.objects.exclude(attachment="").order_by("pk")
    for idea in ideas.only("pk", "attachment", "attachment_name").iterator():
        if has_random_name(idea.attachment.name):
            continue
        if rename_one(idea, storage, dry_run) is not None:
            moved.append(idea.pk)
    logger.info(
        "legacy attachments: %s %s", len(moved), "to rename" if dry_run else "renamed"
    )
    return moved
