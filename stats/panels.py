"""The admin home panel: this quarter against the last, for the committee."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from stats.periods import Quarter
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
        report = build_report(Quarter.current().period(), {})
        rows = {row.key: row for row in report.rows()}
        return {
            "report": report,
            "rows": [rows[key] for key in HEADLINE_KEYS if key in rows],
            "title": _("This quarter against the last"),
        }
