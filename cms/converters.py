"""The ``id`` path converter: database ids of at most 18 digits.

Django's ``int`` converter accepts any number of digits. SQLite raises
OverflowError when a page is looked up by an id past 64 bits. With ``id``,
such a URL matches no pattern and returns 404. Importing this module
registers the converter.
"""

from django.urls import register_converter

from .query import MAX_ID_DIGITS


class DatabaseIdConverter:
    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(DatabaseIdConverter, "id")
