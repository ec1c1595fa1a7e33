"""Names of uploaded files, so that no upload is dropped for its name alone.

Django's multipart parser removes the characters of a file name that
``str.isprintable()`` rejects (zero-width spaces, direction marks, no-break
spaces…), and skips the file when nothing is left. A file named only with
such characters then vanishes from ``request.FILES``: the form goes through
as if no file had been chosen. ``UploadNameMiddleware`` gives such a file
the name ``FALLBACK_FILE_NAME`` instead, a generic name that shows its
readers that the original name was not kept. A name with nothing printable
before its extension gets ``FALLBACK_FILE_NAME`` before that extension.
"""

import logging
from functools import partial

from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList

logger = logging.getLogger(__name__)

# French first, in ASCII so that every system and browser keeps it as it is.
FALLBACK_FILE_NAME = "piece-jointe"


class FallbackNameParser(MultiPartParser):
    """Django's parser, which names ``FALLBACK_FILE_NAME`` an upload whose name
    has no printable character left, instead of skipping the file."""

    def sanitize_file_name(self, file_name):
        sanitized = super().sanitize_file_name(file_name)
        if sanitized is None:
            # The parser calls this method only for a non-empty name: a file
            # input left empty, sent with an empty name, is still skipped.
            logger.info(
                "upload named %r has no printable character: named %s",
                file_name[:200],
                FALLBACK_FILE_NAME,
            )
            return FALLBACK_FILE_NAME
        stem, dot, extension = sanitized.rpartition(".")
        if dot and extension and not stem.strip(". "):
            # Only an extension is left, as from "\u200b.png". Wagtail then
            # finds no extension and rejects the image as an unsupported format.
            logger.info(
                "upload named %r has nothing printable before its extension: "
                "named %s.%s",
                file_name[:200],
                FALLBACK_FILE_NAME,
                extension,
            )
            return f"{FALLBACK_FILE_NAME}.{extension}"
        return sanitized


def parse_file_upload(request, meta, post_data):
    """Return the form data and files of a multipart body, parsed with
    ``FallbackNameParser`` in place of Django's parser."""
    # Django freezes the handlers at this point too: the body is being read.
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="Upload handlers are fixed once the request body is parsed.",
    )
    parser = FallbackNameParser(
        meta, post_data, request.upload_handlers, request.encoding
    )
    return parser.parse()


class UploadNameMiddleware:
    """Make the request parse its uploads with ``FallbackNameParser``.

    It must come before any middleware that reads ``request.POST``, such as
    the CSRF middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # HttpRequest._load_post_and_files calls self.parse_file_upload, so an
        # attribute of the instance replaces the method for this request only.
        request.parse_file_upload = partial(parse_file_upload, request)
        return self.get_response(request)
