"""Uploads whose file name has no printable character keep their file."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image
from wagtail.images.models import Image as WagtailImage

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


@pytest.mark.parametrize("file_name", [".pdf", "\u200b.pdf", " .pdf", "\u200b..pdf"])
def test_name_with_only_extension_gets_fallback(file_name):
    files = files_of(multipart_request(file_name))

    assert files["attachment"].name == "piece-jointe.pdf"


@pytest.mark.django_db
def test_admin_image_named_only_extension_uploaded(admin_client):
    """Wagtail rejected a PNG named with a zero-width space before ".png" as an
    unsupported image format."""
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(image, "PNG")
    upload = SimpleUploadedFile("\u200b.png", image.getvalue(), "image/png")

    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.json()["success"] is True
    assert WagtailImage.objects.get().title == "piece-jointe.png"
