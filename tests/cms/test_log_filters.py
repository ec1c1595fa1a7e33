"""Refused requests are logged in one line, server errors with a traceback."""

import logging
import sys

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User, UserKind
from cms.log_filters import ClientErrorWithoutTraceback


def refuse() -> None:
    raise PermissionError("refused")


def error_record(status_code: int) -> logging.LogRecord:
    try:
        refuse()
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s", ("x",), exc_info
    )
    record.status_code = status_code
    return record


@pytest.mark.parametrize(
    ("status_code", "kept"), [(403, False), (400, False), (500, True)]
)
def test_filter_keeps_traceback_of_5xx_only(status_code, kept):
    record = error_record(status_code)

    assert ClientErrorWithoutTraceback().filter(record) is True
    assert (record.exc_info is not None) is kept


@pytest.mark.django_db
def test_partner_refused_store_logs_one_line(caplog):
    partner = User.objects.create_user(
        email="paola.log@example.org", password="x", kind=UserKind.PARTNER
    )
    client = Client()
    client.force_login(partner)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("store:reserve"))

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert len(records) == 1
    assert records[0].status_code == 403
    assert records[0].exc_info is None
