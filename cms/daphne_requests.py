"""Keep Twisted from parsing the request bodies that Django parses anyway.

daphne builds its requests on Twisted's ``http.Request``, which by default
parses every URL-encoded or multipart POST body into ``request.args`` before
daphne hands the raw body to the ASGI application. daphne never reads
``request.args``, so the work is wasted twice over:

- For each form POST, Twisted parses the ``Content-Type`` header through the
  standard library's e-mail package: about 6 % of the CPU of a Smart Lab
  vote, measured with py-spy (see docs/benchmarks.md).
- For an attachment upload, it builds a second, in-memory copy of every
  uploaded file before Django reads the body again.

Twisted turns this off with the ``parsePOSTFormSubmission`` argument of
``Request``; daphne does not pass it. ``install()`` makes daphne build its
requests from a subclass that does. It is called by ``cms.asgi`` and changes
nothing when the site runs under another server.
"""

import logging

logger = logging.getLogger(__name__)


def install() -> bool:
    """Make daphne's HTTP factory build requests that leave bodies unparsed.

    Return False, and change nothing, when daphne is not installed.
    """
    try:
        from daphne import http_protocol
    except ImportError:
        return False
    if getattr(http_protocol.WebRequest, "leaves_body_unparsed", False):
        return True

    class UnparsedBodyRequest(http_protocol.WebRequest):
        """daphne's request, without Twisted's parsing of form bodies."""

        leaves_body_unparsed = True

        def __init__(self, *args, **kwargs):
            kwargs["parsePOSTFormSubmission"] = False
            super().__init__(*args, **kwargs)

    # HTTPFactory.buildProtocol looks the class up in its module each time.
    http_protocol.WebRequest = UnparsedBodyRequest
    logger.debug("daphne requests leave form bodies to Django")
    return True
