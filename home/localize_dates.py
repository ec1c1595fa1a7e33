"""Dates in wagtail-localize's translation editor, in the admin's language.

wagtail-localize 1.14.5 writes the date under each translated text with
strftime on the UTC time: the month is in English in the French admin, and a
text translated at 0 h 17 in Paris shows the day before.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext
from wagtail_localize.models import StringTranslation

# wagtail-localize's own messages. They reach gettext through constants, so
# makemessages leaves them to wagtail-localize's catalogues, which translate them.
TOOL_MESSAGE = "Translated with {tool_name} on {date}"
MANUAL_MESSAGE = "Translated manually on {date}"
MACHINE_MESSAGE = "Machine translated on {date}"


def get_comment(string_translation) -> str | None:
    """Return how and when a text was translated, with a local date."""
    date = formats.date_format(
        timezone.localtime(string_translation.updated_at), "DATE_FORMAT"
    )
    if string_translation.tool_name:
        return gettext(TOOL_MESSAGE).format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return gettext(MANUAL_MESSAGE).format(date=date)
    if (
        string_translation.translation_type
        == StringTranslation.TRANSLATION_TYPE_MACHINE
    ):
        return gettext(MACHINE_MESSAGE).format(date=date)
    return None


def patch_string_translation() -> None:
    """Replace StringTranslation.get_comment, which the translation editor
    calls for each text."""
    StringTranslation.get_comment = get_comment
