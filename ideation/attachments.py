"""Checks and storage of the image or document attached to an idea.

An upload is accepted by its content, never by its name alone. Images must
open and verify with Pillow, and PDF files start with the ``%PDF-``
signature. Office documents are zip containers that declare the expected
content type. Plain text needs a ``.txt`` name and UTF-8 content without
control characters, because almost any bytes decode as text. The file is stored
under a random name with the extension of the detected type, so that its
address cannot be guessed, and people see the name they uploaded.
"""

import logging
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction
from PIL import Image, UnidentifiedImageError

from cms.text import clean_typed_text
from cms.uploads import FALLBACK_FILE_NAME

from .errors import IdeationError
from .models import ATTACHMENT_MAX_BYTES

logger = logging.getLogger(__name__)

MAX_BYTES = ATTACHMENT_MAX_BYTES
NAME_MAX_LENGTH = 200
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".gif")
# Boards show images inline, and a browser decodes an image at about 4 bytes
# per pixel, so 50 million pixels take about 200 MB in each reader's tab. A
# 48-megapixel phone photo fits. Pillow 13 only warns below 2 × 89,478,485
# pixels, and a PNG of a few kilobytes can declare that many.
IMAGE_MAX_PIXELS = 50_000_000
# The part that each kind of OOXML document declares in [Content_Types].xml.
OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument."
    "spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument."
    "presentationml.presentation.main+xml",
}
# The first entry of an OpenDocument file, stored uncompressed, is "mimetype".
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
# [Content_Types].xml lists a few dozen parts, so a larger one is not an office file.
CONTENT_TYPES_MAX_BYTES = 256 * 1024
CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "txt": "text/plain; charset=utf-8",
}
IMAGE_TYPES = {"png", "jpg", "webp", "gif"}


@dataclass(frozen=True)
class DetectedFile:
    """The type of an accepted upload, found from its content."""

    extension: str

    @property
    def is_image(self) -> bool:
        return self.extension in IMAGE_TYPES

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def check_upload(upload) -> DetectedFile:
    """Return the type of ``upload`` or raise an ``attachment_…`` error.

    The file's position is back at its start afterwards.
    """
    if upload.size > MAX_BYTES:
        # Whole megabytes, as in the form's help text ("5 Mo").
        megabytes = MAX_BYTES // (1024 * 1024)
        raise IdeationError("attachment_too_large", megabytes=megabytes)
    try:
        return detect_type(upload)
    finally:
        upload.seek(0)


def detect_type(upload) -> DetectedFile:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    extension = image_type(upload)
    if extension:
        return DetectedFile(extension)
    if head.startswith(b"%PDF-"):
        return DetectedFile("pdf")
    if head.startswith(b"PK\x03\x04"):
        extension = office_type(upload)
        if extension:
            return DetectedFile(extension)
        raise IdeationError("attachment_type")
    name = (upload.name or "").lower()
    if name.endswith(".txt") and is_plain_text(upload):
        return DetectedFile("txt")
    if name.endswith(IMAGE_EXTENSIONS):
        raise IdeationError("attachment_invalid_image")
    raise IdeationError("attachment_type")


def image_type(upload) -> str | None:
    """Return the extension of an image that Pillow opens and verifies."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except UnidentifiedImageError:
        return None
    except Image.DecompressionBombError as error:
        logger.info("image upload %r rejected: %s", upload.name, error)
        raise too_many_pixels() from error
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow recognised the format but the data is damaged.
        logger.info("image upload %r failed verification: %s", upload.name, error)
        raise IdeationError("attachment_invalid_image") from error
    if image_format not in IMAGE_FORMATS:
        raise IdeationError("attachment_type")
    if width * height > IMAGE_MAX_PIXELS:
        logger.info(
            "image upload %r rejected: %s x %s pixels", upload.name, width, height
        )
        raise too_many_pixels()
    return IMAGE_FORMATS[image_format]


def too_many_pixels() -> IdeationError:
    return IdeationError(
        "attachment_too_many_pixels", megapixels=IMAGE_MAX_PIXELS // 1_000_000
    )


def office_type(upload) -> str | None:
    """Return the extension of an OOXML or OpenDocument file, or None."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = read_small(archive, "mimetype").decode("ascii", "replace")
                return ODF_TYPES.get(declared.strip())
            if "[Content_Types].xml" in names:
                declared = read_small(archive, "[Content_Types].xml").decode(
                    "utf-8", "replace"
                )
                for extension, main_type in OOXML_MAIN_TYPES.items():
                    if f'ContentType="{main_type}"' in declared:
                        return extension
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        logger.info("zip upload %r could not be read: %s", upload.name, error)
    return None


def read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    """Return an entry of ``archive``, or b"" when it claims to be too large."""
    if archive.getinfo(name).file_size > CONTENT_TYPES_MAX_BYTES:
        return b""
    with archive.open(name) as entry:
        return entry.read(CONTENT_TYPES_MAX_BYTES)


def is_plain_text(upload) -> bool:
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(ord(char) < 32 and char not in "\t\n\r\f" for char in text)


# Names that people give files of a detected type, besides the type's own.
EXTENSION_ALIASES = {"jpg": {"jpg", "jpeg"}}


def display_name(name: str, extension: str = "") -> str:
    """Return the upload's base name, without folders, for the page.

    A name with nothing visible before its extension becomes
    ``FALLBACK_FILE_NAME`` with that extension.

    With the detected ``extension``, a name that claims another type ends
    with it instead, so that a PDF uploaded as "page.html" is never saved
    as a web page by the people who download it.
    """
    base = clean_typed_text(PurePath(name.replace("\\", "/")).name)
    stem, dot, suffix = base.rpartition(".")
    if not clean_typed_text(stem if dot else base):
        # Nothing visible before the extension: the page would show no name.
        base = FALLBACK_FILE_NAME + dot + suffix
    if extension:
        stem, dot, suffix = base.rpartition(".")
        if not dot or not stem:
            stem, suffix = base, ""
        if suffix.lower() not in EXTENSION_ALIASES.get(extension, {extension}):
            base = f"{stem}.{extension}"
    if len(base) <= NAME_MAX_LENGTH:
        return base
    stem, dot, suffix = base.rpartition(".")
    return stem[: NAME_MAX_LENGTH - len(suffix) - 1] + dot + suffix


def storage_name(detected: DetectedFile) -> str:
    """Return a random file name with the detected type's extension.

    ``Idea.attachment``'s ``upload_to`` puts it in a folder per month.
    """
    return f"{uuid.uuid4().hex}.{detected.extension}"


def attach(idea, upload) -> list[str]:
    """Check ``upload`` and put it on ``idea`` (unsaved); return the fields to save.

    The previous file, if any, is deleted from storage after commit. Raises
    the ``attachment_…`` errors of ``check_upload``.
    """
    detected = check_upload(upload)
    delete_after_commit(idea)
    idea.attachment.save(storage_name(detected), upload, save=False)
    idea.attachment_name = display_name(upload.name or "", detected.extension)
    logger.info(
        "idea %s: %s attached as %s", idea.pk, detected.extension, idea.attachment.name
    )
    return ["attachment", "attachment_name"]


def detach(idea) -> list[str]:
    """Clear the idea's file (unsaved); storage deletes it after commit."""
    delete_after_commit(idea)
    idea.attachment = ""
    idea.attachment_name = ""
    logger.info("idea %s: attachment removed", idea.pk)
    return ["attachment", "attachment_name"]


def delete_after_commit(idea) -> None:
    """Delete the idea's current file once the change that drops it commits.

    A rolled-back change keeps the old file, which the row still names.
    """
    if not idea.attachment:
        return
    storage, name = idea.attachment.storage, idea.attachment.name
    transaction.on_commit(lambda: storage.delete(name), robust=True)
