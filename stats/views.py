"""The indicators report in the Wagtail admin, its exports and freezing."""

import functools
import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.localization import get_localized_response

from stats import charts
from stats.errors import StatsError
from stats.exports import FORMATS, export_response
from stats.forms import ReportFilterForm
from stats.periods import Quarter, quarter_to_date
from stats.permissions import (
    can_freeze_quarter,
    check_can_freeze_quarter,
    check_can_view_indicators,
)
from stats.report import build_report, freeze_quarter, trend

logger = logging.getLogger(__name__)


def add_charts(report, filters) -> None:
    """Give each row a trend chart (quarters only) and breakdown charts."""
    last = report.period.quarter
    for row in report.rows():
        if last is not None and not row.is_rate:
            series = trend(row.key, last, filters)
            row.trend_items = [(str(quarter), value) for quarter, value in series]
            row.trend_chart = charts.columns(
                f"trend-{row.key}", row.label, row.trend_items
            )
        for breakdown in row.breakdowns:
            chart = charts.horizontal_bars(
                f"by-{breakdown.dimension}-{row.key}",
                f"{row.label} · {breakdown.label}",
                breakdown.items,
            )
            row.breakdown_charts.append((breakdown, chart))


def require_indicator_access(view):
    """Serve ``view`` in the admin frame to the committee and editors only.

    Wagtail's own admin check sends everyone else to the sign-in page; here
    a signed-in person without the permission gets a plain 403 that says
    who the indicators are for.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_anonymous:
            return redirect_to_login(
                request.get_full_path(), reverse("wagtailadmin_login")
            )
        try:
            check_can_view_indicators(request.user)
        except PermissionDenied as error:
            logger.info(
                "indicators access rejected for user %s: permission missing",
                request.user.pk,
            )
            return TemplateResponse(
                request, "stats/forbidden.html", {"message": str(error)}, status=403
            )
        return get_localized_response(view, request, *args, **kwargs)

    return wrapper


@require_indicator_access
def report_view(request):
    form = ReportFilterForm(request.GET or None)
    if request.GET and form.is_valid():
        form.check_unknown_parameters(request.GET.keys())
    if request.GET and not form.is_valid():
        response = TemplateResponse(
            request, "stats/report.html", {"form": form, "report": None}, status=400
        )
        return response
    if not request.GET:
        form = ReportFilterForm({})
        form.is_valid()
    period = form.get_period()
    filters = form.get_filters()
    previous_period = None
    if period.quarter is not None and period.includes_today():
        # A quarter in progress is compared with the same days of the
        # previous one, as on the admin home, not with the whole quarter.
        _to_date, previous_period = quarter_to_date(
            period.quarter, timezone.localdate()
        )
    report = build_report(period, filters, previous_period=previous_period)
    export_format = form.cleaned_data.get("export")
    if export_format in FORMATS:
        logger.info(
            "indicators export %s for %s by user %s",
            export_format,
            period,
            request.user.pk,
        )
        return export_response(report, export_format, f"indicateurs-{slug(period)}")
    add_charts(report, filters)
    query = request.GET.copy()
    query.pop("export", None)
    return TemplateResponse(
        request,
        "stats/report.html",
        {
            "form": form,
            "report": report,
            "export_formats": FORMATS.items(),
            "query": query.urlencode(),
            "can_freeze": can_freeze_quarter(request.user)
            and report.period.quarter is not None
            and report.frozen is None
            and not report.provisional,
        },
    )


def slug(period) -> str:
    if period.quarter is not None:
        return period.quarter.code
    return f"{period.first_day:%Y%m%d}-{period.last_day:%Y%m%d}"


@require_indicator_access
@require_POST
def freeze_view(request, code: str):
    check_can_freeze_quarter(request.user)
    try:
        quarter = Quarter.parse(code)
        freeze_quarter(quarter, request.user)
    except ValueError:
        messages.error(request, _("This quarter does not exist."))
        return redirect("stats_report")
    except StatsError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(quarter)s is frozen: its figures will no longer change.")
            % {"quarter": quarter},
        )
    return redirect(f"{reverse('stats_report')}?quarter={code}")
