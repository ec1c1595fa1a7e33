"""daphne's requests leave form bodies to Django (cms.daphne_requests)."""

from unittest import mock

import pytest
from daphne import http_protocol
from twisted.internet.testing import StringTransport
from twisted.web import http

import cms.asgi  # noqa: F401 - installs the request class, as daphne does
from cms import daphne_requests

BOUNDARY = b"----smartcorner"
MULTIPART_BODY = (
    b"--" + BOUNDARY + b"\r\n"
    b'Content-Disposition: form-data; name="title"\r\n\r\n'
    b"Covoiturage entre sites\r\n"
    b"--" + BOUNDARY + b"\r\n"
    b'Content-Disposition: form-data; name="attachment"; filename="plan.pdf"\r\n'
    b"Content-Type: application/pdf\r\n\r\n"
    b"%PDF-1.4 " + b"x" * 4096 + b"\r\n"
    b"--" + BOUNDARY + b"--\r\n"
)


def receive(body: bytes, content_type: bytes, path: bytes = b"/lab/ideas/1/vote/"):
    """Feed one raw POST to a Twisted channel that builds daphne's current
    request class; return the request as it reached ``process``."""
    received = []

    class Recorded(http_protocol.WebRequest):
        def process(self):
            received.append(self)

    channel = http.HTTPChannel()
    channel.factory = mock.Mock()
    channel.requestFactory = Recorded
    channel.makeConnection(StringTransport())
    channel.dataReceived(
        b"POST " + path + b" HTTP/1.1\r\n"
        b"Host: 127.0.0.1\r\n"
        b"Content-Type: " + content_type + b"\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    assert len(received) == 1, "the request did not reach process()"
    return received[0]


def test_asgi_module_installs_request_class():
    assert http_protocol.WebRequest.leaves_body_unparsed is True
    assert daphne_requests.install() is True


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"voted=1&csrfmiddlewaretoken=abc", b"application/x-www-form-urlencoded"),
        (MULTIPART_BODY, b"multipart/form-data; boundary=" + BOUNDARY),
    ],
    ids=["urlencoded", "multipart"],
)
def test_form_body_reaches_django_unparsed(body, content_type):
    request = receive(body, content_type)
    # Twisted's parsing would have filled args with the form's fields.
    assert request.args == {}
    request.content.seek(0)
    assert request.content.read() == body


def test_query_string_still_parsed():
    request = receive(
        b"voted=1", b"application/x-www-form-urlencoded", b"/lab/ideas/1/vote/?page=2"
    )
    assert request.args == {b"page": [b"2"]}
    assert request.path == b"/lab/ideas/1/vote/"
