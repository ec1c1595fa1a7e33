"""Personal data across apps: download, erasure and retention.

Every installed app may provide ``<app>/personal_data.py`` with:

- ``export_user_data(user) -> dict[str, list[dict]]``: the person's rows,
  one list of JSON-friendly dicts per kind of data;
- ``erase_user_data(user) -> None``: delete or anonymise them, keeping every
  stored counter equal to its rows;
- optionally ``purge_expired(now)``: apply the app's retention periods, and
  return a dict of counts (or None);
- optionally ``erasure_blockers(user) -> list[str]``: the reasons, as
  messages for the person, why they cannot erase their own account yet.

This module finds those modules, so that an app joins by adding the file.
"""

import csv
import importlib
import importlib.util
import io
import json
import logging
import zipfile
from types import ModuleType

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import account_events
from .models import AccountEventKind, User

logger = logging.getLogger(__name__)

MODULE_NAME = "personal_data"
OWN_APP = "accounts"


def find_personal_data_modules() -> list[tuple[str, ModuleType]]:
    """Return (app label, module) for each app that has a personal_data module.

    The accounts app comes last, so that erasing its identity happens after
    the other apps have detached their rows from the account.
    """
    found = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.{MODULE_NAME}"
        if importlib.util.find_spec(name) is None:
            continue
        found.append((app_config.label, importlib.import_module(name)))
    found.sort(key=lambda item: item[0] == OWN_APP)
    return found


def collect_user_data(user: User) -> dict[str, dict[str, list[dict]]]:
    """Return every app's data about ``user``, by app label then kind."""
    return {
        label: module.export_user_data(user)
        for label, module in find_personal_data_modules()
    }


def to_csv(rows: list[dict]) -> str:
    """Write rows as comma-separated UTF-8, nested values as JSON."""
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
                if isinstance(value, (dict, list))
                else value
                for key, value in row.items()
            }
        )
    return output.getvalue()


def build_export_archive(user: User, request=None) -> bytes:
    """Return a zip with all of ``user``'s data: one JSON file, one CSV per kind."""
    data = collect_user_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "donnees.json",
            json.dumps(
                {"exported_at": timezone.now(), "data": data},
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=2,
            ),
        )
        for label, kinds in data.items():
            for kind, rows in kinds.items():
                if rows:
                    archive.writestr(f"csv/{label}-{kind}.csv", to_csv(rows))
    account_events.record(
        AccountEventKind.DATA_EXPORTED, request=request, user=user, actor=user
    )
    logger.info("personal data of user %s exported", user.pk)
    return buffer.getvalue()


def get_erasure_blockers(user: User) -> list[str]:
    """Return every app's reasons why ``user`` cannot erase their account yet."""
    reasons = []
    for _label, module in find_personal_data_modules():
        blockers = getattr(module, "erasure_blockers", None)
        if blockers is not None:
            reasons += blockers(user)
    return reasons


@transaction.atomic
def erase_account(user: User, *, actor: User | None = None, reason: str, request=None):
    """Erase ``user``'s data in every app, then the account's identity."""
    user_id = user.pk
    for label, module in find_personal_data_modules():
        module.erase_user_data(user)
        logger.info("app %s erased the data of user %s", label, user_id)
    account_events.record(
        AccountEventKind.ERASED,
        request=request,
        user=user,
        actor=None if actor is not None and actor.pk == user_id else actor,
        reason=reason,
    )


def purge_expired(now=None) -> dict[str, object]:
    """Run every app's ``purge_expired(now)``; return each app's result."""
    now = now or timezone.now()
    results = {}
    for label, module in find_personal_data_modules():
        purge = getattr(module, "purge_expired", None)
        if purge is None:
            continue
        with transaction.atomic():
            results[label] = purge(now)
        logger.info("retention applied by %s: %s", label, results[label])
    return results
