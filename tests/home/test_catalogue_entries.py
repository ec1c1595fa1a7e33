"""Every catalogue is compiled whole: no fuzzy or obsolete entry, and the
English catalogues translate each message to itself."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)
ENGLISH_CATALOGUES = [path for path in CATALOGUES if path.parts[-3] == "en"]


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_catalogues_found():
    assert len(CATALOGUES) >= 20
    assert len(ENGLISH_CATALOGUES) == len(CATALOGUES) // 2


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_catalogue_header_not_fuzzy(path):
    """msgfmt still compiles a fuzzy header, but the flag marks a template
    header whose fields were never filled in."""
    catalogue = polib.pofile(str(path))

    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == path.parts[-3]


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_catalogue_has_no_fuzzy_entries(path):
    """msgfmt leaves fuzzy entries out, so the site would show their msgid."""
    fuzzy = [entry.msgid for entry in polib.pofile(str(path)) if entry.fuzzy]

    assert fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_id)
def test_catalogue_has_no_obsolete_entries(path):
    obsolete = [entry.msgid for entry in polib.pofile(str(path)).obsolete_entries()]

    assert obsolete == []


@pytest.mark.parametrize("path", ENGLISH_CATALOGUES, ids=catalogue_id)
def test_english_catalogue_repeats_messages(path):
    """An English translation is empty or the message itself."""
    wrong = []
    for entry in polib.pofile(str(path)):
        if entry.msgid_plural:
            expected = {0: entry.msgid, 1: entry.msgid_plural}
            if any(entry.msgstr_plural.values()) and entry.msgstr_plural != expected:
                wrong.append(entry.msgid)
        elif entry.msgstr and entry.msgstr != entry.msgid:
            wrong.append(entry.msgid)

    assert wrong == []


@pytest.mark.parametrize(
    "message",
    [
        "Comments are closed on this board.",
        "Sign-in log",
        "Report this idea",
    ],
)
def test_english_site_shows_message(message):
    with translation.override("en"):
        translated = translation.gettext(message)

    assert translated == message


@pytest.mark.parametrize(
    ("message", "french"),
    [
        ("Comments are closed on this board.", "Les commentaires sont fermés"),
        ("Sign-in log", "Journal des connexions"),
    ],
)
def test_french_site_still_translates(message, french):
    with translation.override("fr"):
        translated = translation.gettext(message)

    assert translated.startswith(french)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_messages_translated_alike_across_apps(language):
    """Django merges the apps' catalogues and keeps the translation of the
    app listed first in INSTALLED_APPS, so another app's different
    translation of the same message never shows. Such an app needs a
    message context (pgettext) of its own."""
    translations = {}
    for path in CATALOGUES:
        if path.parts[-3] != language:
            continue
        for entry in polib.pofile(str(path)):
            if entry.msgstr:
                key = (entry.msgctxt, entry.msgid)
                translations.setdefault(key, {})[catalogue_id(path)] = entry.msgstr

    conflicts = {
        key: by_catalogue
        for key, by_catalogue in translations.items()
        if len(set(by_catalogue.values())) > 1
    }

    assert conflicts == {}
