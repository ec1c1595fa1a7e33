"""Uploads whose file name has no printable character keep their file."""

import pytest
from django.test import RequestFactory

from cms.uploads import UploadNameMiddleware

BOUNDARY = "limite"


def multipart_request(file_name: str):
    body = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="attachment"; filename="{file_name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF-1.7\n\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode()
    return RequestFactory().generic(
        "POST",
        "/",
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def files_of(request):
    return UploadNameMiddleware(lambda request: request.FILES)(request)


@pytest.mark.parametrize("file_name", ["\u200b\u200b", "\u00a0", "..", "\u2060/"])
def test_unprintable_file_name_gets_fallback(file_name):
    files = files_of(multipart_request(file_name))

    assert files["attachment"].name == "piece-jointe"
    assert files["attachment"].read() == b"%PDF-1.7\n"


def test_printable_file_name_kept():
    files = files_of(multipart_request("Guide d\u2019accueil.pdf"))

    assert files["attachment"].name == "Guide d\u2019accueil.pdf"


def test_empty_file_input_still_skipped():
    files = files_of(multipart_request(""))

    assert "attachment" not in files
