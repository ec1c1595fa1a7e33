"""French date, time and number formats that override Django's French locale.

Only the names set here change. No-break spaces (U+00A0) keep "14 h 30" on
one line, and ``\\h`` escapes the letter h, which is otherwise an hour.
Thousands are grouped with a narrow no-break space (U+202F), as French
typography writes "12 345", where Django uses a full no-break space.
Exports write numbers without grouping, so spreadsheets read them as numbers.
"""

TIME_FORMAT = "G\u00a0\\h\u00a0i"
DATETIME_FORMAT = "j F Y \\à G\u00a0\\h\u00a0i"
SHORT_DATETIME_FORMAT = "d/m/Y G\u00a0\\h\u00a0i"
THOUSAND_SEPARATOR = "\u202f"
