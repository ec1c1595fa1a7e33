"""The admin home panel for the committee: this quarter so far against the last.

The quarter in progress is compared with the same number of days at the start
of the previous quarter, never with the whole previous quarter.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from stats.periods import Quarter, quarter_to_date
from stats.report import build_report

# Indicators shown on the admin home, when they exist.
HEADLINE_KEYS = (
    "events.attendance",
    "places.store_visits",
    "lab.ideas",
    "lab.participants",
)


class QuarterPanel(Component):
    name = "stats_quarter"
    order = 150
    template_name = "stats/home_panel.html"

    def get_context_data(self, parent_context=None):
        quarter = Quarter.current()
        current, previous = quarter_to_date(quarter, timezone.localdate())
        report = build_report(current, {}, previous_period=previous)
        rows = {row.key: row for row in report.rows()}
        return {
            "quarter": quarter,
            "previous_quarter": quarter.previous(),
            "report": report,
            "rows": [rows[key] for key in HEADLINE_KEYS if key in rows],
            "title": _("This quarter against the last"),
        }
