"""French public holidays (jours fériés) for any year, as store closures.

France has eleven national public holidays: eight on fixed dates and three
that follow Easter. Alsace-Moselle's two extra days (Good Friday and 26
December) are not included.
"""

import datetime
import functools
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIXED_HOLIDAYS = {
    (1, 1): _("New Year’s Day"),
    (5, 1): _("Labour Day"),
    (5, 8): _("Victory in Europe Day"),
    (7, 14): _("Bastille Day"),
    (8, 15): _("Assumption Day"),
    (11, 1): _("All Saints’ Day"),
    (11, 11): _("Armistice Day"),
    (12, 25): _("Christmas Day"),
}
# Days after Easter Sunday.
EASTER_HOLIDAYS = {
    1: _("Easter Monday"),
    39: _("Ascension Day"),
    50: _("Whit Monday"),
}


def get_easter_sunday(year: int) -> datetime.date:
    """Return Easter Sunday of ``year`` in the Gregorian calendar.

    This is the anonymous Gregorian computus, in integer arithmetic.
    """
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * shift + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.cache
def get_public_holidays(year: int) -> MappingProxyType:
    """Return the public holidays of ``year``: day to lazily translated name."""
    holidays = {
        datetime.date(year, month, day): name
        for (month, day), name in FIXED_HOLIDAYS.items()
    }
    easter = get_easter_sunday(year)
    for offset, name in EASTER_HOLIDAYS.items():
        holidays[easter + datetime.timedelta(days=offset)] = name
    return MappingProxyType(holidays)


def get_public_holiday(day: datetime.date) -> Promise | None:
    """Return the name of the public holiday on ``day``, or None."""
    return get_public_holidays(day.year).get(day)
