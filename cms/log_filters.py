"""Logging filters of the project's LOGGING setting."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Drop the traceback that Django attaches to a 4xx response's log line.

    Django logs a refused request (``PermissionDenied``, ``BadRequest``) on
    ``django.request`` with the exception's traceback, which is the expected
    path of a partner opening a staff page, not a fault. The one-line
    warning, with its status and path, stays; 5xx lines keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
