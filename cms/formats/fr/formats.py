"""French date and time formats that override Django's French locale.

Only the names set here change. No-break spaces (U+00A0) keep "14 h 30" on
one line, and ``\\h`` escapes the letter h, which is otherwise an hour.
"""

TIME_FORMAT = "G\u00a0\\h\u00a0i"
DATETIME_FORMAT = "j F Y \\à G\u00a0\\h\u00a0i"
SHORT_DATETIME_FORMAT = "d/m/Y G\u00a0\\h\u00a0i"
