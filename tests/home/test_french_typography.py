"""French typography of the catalogues, the demo content, dates and times."""

import datetime
import io
import re
import tokenize
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.formats import date_format, time_format

from home.templatetags.smartcorner import (
    day_date,
    format_time_left,
    truncate_words,
)

ROOT = Path(__file__).resolve().parents[2]
FRENCH_CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)
DEMO_MODULES = sorted(ROOT.glob("*/demo*.py"))
# A colon after a digit is a time or a ratio, and a colon before "/" is in a
# URL. "(;)" names the separator of a CSV file.
HIGH_PUNCTUATION = re.compile(r"(?<![\s(\d])[;!?]|(?<![\s\d]):(?!/)")
PLAIN_SPACE_BEFORE = re.compile(r"(?<=\S) (?:[;:!?»]|%%)|« ")


def french_translations():
    for path in FRENCH_CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr:
                continue
            yield path.relative_to(ROOT), entry.msgstr


def demo_strings():
    for path in DEMO_MODULES:
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING:
                yield f"{path.relative_to(ROOT)}:{token.start[0]}", token.string


def test_catalogues_found():
    assert len(FRENCH_CATALOGUES) >= 5


def test_catalogues_spell_evenement():
    wrong = [(path, text) for path, text in french_translations() if "vènement" in text]

    assert wrong == []


def test_catalogues_say_courriel():
    # French public bodies write "courriel" for the message and "adresse
    # électronique" for the address. %(email)s is a placeholder.
    wrong = [
        (path, text)
        for path, text in french_translations()
        if re.search(r"\be-?mails?\b", text.replace("%(email)s", ""), re.I)
    ]

    assert wrong == []


def test_catalogues_space_before_high_punctuation():
    wrong = [
        (path, text)
        for path, text in french_translations()
        if HIGH_PUNCTUATION.search(text) or PLAIN_SPACE_BEFORE.search(text)
    ]

    assert wrong == []


def test_catalogues_use_no_inclusive_midpoint():
    # Neutral phrasings ("Votre inscription est confirmée") read better than
    # "inscrit·e", and screen readers spell the midpoint out.
    wrong = [
        (path, text)
        for path, text in french_translations()
        if re.search(r"\w·\w", text)
    ]

    assert wrong == []


# Masculine participles addressed to the reader ("vous êtes déconnecté"), or
# describing a person of either sex (a check-in state "Présent").
# The pattern lists the phrasings that were rewritten and does not parse
# French, so "inscrit" or "invité" describing other people stay allowed.
MASCULINE_ADDRESS = re.compile(
    r"vous êtes (?:déconnecté|invité)\b|vous a (?:pas )?(?:invité|connecté)\b"
    r"|n’êtes donc pas connecté\b|une fois connecté\b|êtes-vous satisfait\b"
    r"|inscrire comme invité\b|— (?:très |ni )?(?:in)?satisfait\b|\bil verra\b"
    r"|^marquer présent\b|^(?:présent|absent)$",
    re.IGNORECASE,
)


def test_catalogues_address_reader_neutrally():
    wrong = [
        (path, text)
        for path, text in french_translations()
        if MASCULINE_ADDRESS.search(text)
    ]

    assert wrong == []


def test_catalogues_say_code_qr():
    wrong = [(path, text) for path, text in french_translations() if "QR code" in text]

    assert wrong == []


def test_catalogues_keep_numbers_with_units():
    # "5 Mo" and "44 640" must not break across lines: a no-break space joins
    # the number to its unit and groups thousands. Five-digit postcodes stay
    # ungrouped, so only the phase durations are checked for grouping.
    wrong = [
        (path, text)
        for path, text in french_translations()
        if re.search(r"\d (?:Mo|Ko|Go)\b|\b(?:1440|44640)\b", text)
    ]

    assert wrong == []


def test_demo_strings_use_superscript_ordinals():
    wrong = [
        (where, text)
        for where, text in demo_strings()
        if re.search(r"\b\d+(?:e|er|ème) étage", text)
    ]

    assert wrong == []


def test_demo_strings_space_before_punctuation():
    wrong = [
        (where, text)
        for where, text in demo_strings()
        if PLAIN_SPACE_BEFORE.search(text)
    ]

    assert wrong == []


def test_demo_strings_spell_evenement():
    wrong = [(where, text) for where, text in demo_strings() if "vènement" in text]

    assert wrong == []


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", datetime.date(2026, 3, 1), "1er mars 2026"),
        ("fr", datetime.date(2026, 3, 2), "2 mars 2026"),
        ("en", datetime.date(2026, 3, 1), "1 March 2026"),
    ],
)
def test_day_date_first_of_month(language, day, expected):
    with translation.override(language):
        text = day_date(day)

    assert text == expected


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", datetime.date(2026, 12, 9), "mer. 9 déc."),
        ("fr", datetime.date(2026, 1, 1), "jeu. 1er janv."),
        ("fr", datetime.date(2026, 3, 2), "lun. 2 mars"),
        ("fr", datetime.date(2026, 7, 2), "jeu. 2 juil."),
        ("en", datetime.date(2026, 12, 9), "Wed 9 Dec."),
        ("en", datetime.date(2026, 3, 2), "Mon 2 March"),
    ],
)
def test_day_date_abbreviations(language, day, expected):
    with translation.override(language):
        text = day_date(day, "D j b")

    assert text == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", ["1er", "déc."]), ("en", ["1", "Dec."])]
)
def test_badge_day_and_month_in_local_time(language, expected):
    # 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
    moment = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)

    with translation.override(language):
        parts = [day_date(moment, "j"), day_date(moment, "b")]

    assert parts == expected


def test_day_date_keeps_escaped_letters():
    with translation.override("fr"):
        text = day_date(datetime.date(2026, 12, 9), "\\M\\D j M")

    assert text == "MD 9 déc."


def test_day_date_literal_format():
    with translation.override("fr"):
        text = day_date(datetime.date(2026, 3, 1), "l j F")

    assert text == "dimanche 1er mars"


@pytest.mark.parametrize(
    ("language", "expected_time", "expected_datetime"),
    [
        ("fr", "14\u00a0h\u00a030", "4 décembre 2026 à 14\u00a0h\u00a030"),
        ("en", "2:30 p.m.", "4 December 2026, 2:30 p.m."),
    ],
)
def test_time_formats(language, expected_time, expected_datetime):
    moment = datetime.datetime(2026, 12, 4, 14, 30)

    with translation.override(language):
        time_text = time_format(moment, "TIME_FORMAT")
        datetime_text = date_format(moment, "DATETIME_FORMAT")

    assert time_text == expected_time
    assert datetime_text == expected_datetime


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DATE_FORMAT", "4 December 2026"),
        ("SHORT_DATE_FORMAT", "04/12/2026"),
        ("MONTH_DAY_FORMAT", "4 December"),
    ],
)
def test_english_dates_put_day_first(name, expected):
    """English pages used to mix Django's American dates with the site's
    British long dates; every English date now starts with the day."""
    with translation.override("en"):
        text = date_format(datetime.date(2026, 12, 4), name)

    assert text == expected


def test_english_time_keeps_minutes():
    with translation.override("en"):
        text = time_format(datetime.time(9, 0), "TIME_FORMAT")

    assert text == "9:00 a.m."


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        (
            "fr",
            13 * 86400 + 23 * 3600 + 54 * 60 + 12,
            "13\u202fj 23\u202fh 54\u202fmin",
        ),
        (
            "en",
            13 * 86400 + 23 * 3600 + 54 * 60 + 12,
            "13\u202fd 23\u202fh 54\u202fmin",
        ),
        ("fr", 2 * 3600 + 5 * 60 + 9, "2\u202fh 05\u202fmin 09\u202fs"),
        ("fr", 4 * 60 + 5, "4\u202fmin 05\u202fs"),
        ("fr", 39, "39\u202fs"),
        ("fr", -60, "0\u202fs"),
    ],
)
def test_time_left_words(language, seconds, expected):
    with translation.override(language):
        text = format_time_left(seconds)

    assert text == expected


def test_day_date_datetime_in_local_time():
    moment = datetime.datetime(2026, 3, 1, 13, 30, tzinfo=datetime.UTC)

    with translation.override("fr"):
        text = day_date(moment, "DATETIME_FORMAT")

    assert text == "1er mars 2026 à 14\u00a0h\u00a030"


def test_truncate_words_keeps_no_break_spaces():
    text = "Une question\u202f? Posez-la aux agents\u202f: ils répondent vite."

    assert truncate_words(text, 3) == "Une question\u202f? Posez-la…"
    assert truncate_words(text, 20) == text
    assert truncate_words(None, 3) == ""


@pytest.mark.django_db
def test_home_space_cards_keep_no_break_spaces(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    html = client.get("/").content.decode()

    assert "\u202f:" in html or "\u202f?" in html
    assert not re.search(r"\w [:?](?=\s)", html)
