"""English date and time formats that override Django's English locale.

Django's English formats are American ("Dec. 4, 2026", "12/04/2026"), while
the site's own long dates are British ("Friday 4 December 2026"), so a page
mixed both. Dates here put the day first, as the French readers of the
English site also expect, and times keep their minutes ("9:00 a.m.", as
the events' times do). Only the names set here change.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = "j F Y, g:i a"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y g:i a"
