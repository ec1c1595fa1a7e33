"""The store desk for staff: today's pick-ups and returns, scans, visits.

Every action posts a form. htmx requests get the desk's main partial back
with a status message; plain posts redirect to the desk (post/redirect/get).
"""

import datetime
import logging

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.query import parse_id
from cms.ratelimit import rate_limited
from home.models import Space

from .. import desk as desk_services
from .. import labels
from .. import reservations as services
from ..errors import StoreError
from ..forms import (
    AssetTagForm,
    ConditionForm,
    ExtendForm,
    HelpHandlingForm,
    HelpMessageForm,
    RejectForm,
)
from ..help_requests import change_help_status
from ..models import (
    EquipmentType,
    EquipmentUnit,
    HelpRequest,
    HelpStatus,
    Reservation,
    ReservationStatus,
    UnitCondition,
)
from ..models.help import FINISHED_HELP_STATUSES
from ..models.reservations import EVENT_NOTE_MAX_LENGTH, OUT_STATUSES
from .common import render_page_or_partial, require_store_staff
from .help import build_detail_context

logger = logging.getLogger(__name__)

TEMPLATE = "store/desk.html"
Status = ReservationStatus
# Days of upcoming pick-ups shown, so that an early visitor can be served.
UPCOMING_DAYS = 21


def build_desk_context(request, **extra) -> dict:
    today = timezone.localdate()
    base = Reservation.objects.select_related("equipment_type", "unit", "user")
    pickups = base.filter(
        status__in=(Status.APPROVED, Status.READY),
        start_date__gte=today,
        start_date__lte=today + datetime.timedelta(days=UPCOMING_DAYS),
    ).order_by("pickup_at")
    returns = base.filter(status__in=OUT_STATUSES, end_date__lte=today).order_by(
        "end_date", "pk"
    )
    out = base.filter(status__in=OUT_STATUSES, end_date__gt=today).order_by("end_date")
    context = {
        "today": today,
        "todays_pickups": [r for r in pickups if r.start_date == today],
        "upcoming_pickups": [r for r in pickups if r.start_date > today],
        "returns": returns,
        "out_loans": out,
        "to_approve": base.filter(
            status=Status.REQUESTED, start_date__gte=today
        ).order_by("start_date"),
        "help_requests": HelpRequest.objects.exclude(
            status__in=FINISHED_HELP_STATUSES
        ).order_by("created_at"),
        "visits": [
            {"space": value, "label": label, "count": count}
            for (value, label), count in zip(
                Space.choices,
                desk_services.count_visits_today().values(),
                strict=True,
            )
        ],
        "scan_form": AssetTagForm(),
        "reject_note_max_length": EVENT_NOTE_MAX_LENGTH,
        "condition_choices": UnitCondition.choices,
        "types": EquipmentType.objects.all(),
    }
    context.update(extra)
    return context


@require_store_staff
@require_GET
def desk(request):
    """Show the desk."""
    return TemplateResponse(request, TEMPLATE, build_desk_context(request))


def respond(request, message: str, error: bool = False, status: int = 200, **extra):
    """Return the result of an action: the desk's main partial for htmx, else
    a redirect (or the desk page with the error message). ``extra`` goes to
    the template context, for what staff typed in a rejected form."""
    if request.htmx:
        context = build_desk_context(
            request, desk_message=message, desk_error=error, **extra
        )
        return render_page_or_partial(
            request, TEMPLATE, "desk-main", context, status=status
        )
    if error:
        # The desk again, with the message at the top and nothing changed.
        context = build_desk_context(
            request, desk_message=message, desk_error=True, **extra
        )
        return TemplateResponse(request, TEMPLATE, context, status=status)
    messages.success(request, message)
    return HttpResponseRedirect(reverse("store:desk"))


def read_condition(request):
    """Return the condition form's cleaned data, or a 400 response when the
    notes or the condition sent are invalid.

    Some desk buttons send no condition, which means good. Invalid notes (too
    long, or with a NUL character) used to be dropped in silence while the
    action went through.
    """
    form = ConditionForm(request.POST)
    if form.is_valid():
        return form.cleaned_data, None
    errors = dict(form.errors)
    if not request.POST.get("condition"):
        errors.pop("condition", None)
    if not errors:
        return {"notes": form.cleaned_data.get("notes", "")}, None
    return None, respond_invalid(request, form, errors)


def respond_invalid(request, form, errors: dict, **extra):
    """Reject a desk action whose form is invalid: every error, each after its
    field's label, and nothing changed."""
    message = " ".join(
        _("%(field)s: %(error)s") % {"field": form[name].label, "error": error}
        for name, field_errors in errors.items()
        for error in field_errors
    )
    logger.info(
        "desk action rejected for user %s: invalid %s", request.user.pk, sorted(errors)
    )
    return respond(request, message, error=True, status=400, **extra)


def run_action(request, action, success_message, **typed):
    """Run a desk action and return its message. ``typed`` goes to the
    template context only when the action fails, so that what staff typed
    is still in its form."""
    try:
        result = action()
    except StoreError as error:
        logger.info("desk action rejected for user %s: %s", request.user.pk, error.code)
        return respond(
            request, error.message, error=True, status=error.status_code, **typed
        )
    message = success_message(result) if callable(success_message) else success_message
    return respond(request, message)


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def scan(request):
    """Look a unit up by its asset tag and show what can be done with it."""
    form = AssetTagForm(request.POST)
    context = {"scan_form": form, "condition_choices": UnitCondition.choices}
    status = 200
    if form.is_valid():
        try:
            unit = services.find_unit(form.cleaned_data["asset_tag"])
        except StoreError as error:
            form.add_error("asset_tag", error.message)
            status = 404
        else:
            context.update(describe_unit(unit))
    else:
        status = 400
    if not request.htmx:
        full = build_desk_context(request, **context)
        return TemplateResponse(request, TEMPLATE, full, status=status)
    return render_page_or_partial(request, TEMPLATE, "scan-panel", context, status)


def describe_unit(unit: EquipmentUnit) -> dict:
    """Return the unit, its current loan, and the reservations it can serve."""
    today = timezone.localdate()
    loan = (
        Reservation.objects.select_related("user", "equipment_type")
        .filter(unit=unit, status__in=OUT_STATUSES)
        .first()
    )
    candidates = []
    if loan is None:
        candidates = list(
            Reservation.objects.select_related("user", "equipment_type", "unit")
            .filter(
                equipment_type=unit.equipment_type,
                status__in=(Status.APPROVED, Status.READY),
                start_date__lte=today + datetime.timedelta(days=UPCOMING_DAYS),
                start_date__gte=today,
            )
            .order_by("start_date", "pickup_at")
        )
        # The reservations prepared with this very unit come first.
        candidates.sort(key=lambda r: r.unit_id != unit.pk)
    return {
        "unit": unit,
        "loan": loan,
        "candidates": candidates,
        "condition_form": ConditionForm(),
    }


def reference_of(reservation) -> dict:
    return {"reference": reservation.reference}


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def approve(request, reservation_id: int):
    return run_action(
        request,
        lambda: services.approve_reservation(request.user, reservation_id),
        lambda r: _("Reservation %(reference)s is approved.") % reference_of(r),
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def reject(request, reservation_id: int):
    # An invalid note (too long, or with a NUL character) returns 400 and leaves
    # the reservation as it is, so that staff can shorten the note and send again.
    form = RejectForm(request.POST)
    # When the rejection fails, the reason typed is put back in the
    # reservation's form, so that staff do not type it again. A NUL is the
    # one character refused for itself, so it is left out of what comes back.
    valid = form.is_valid()
    typed = {
        "typed_reject": {
            "reservation_id": reservation_id,
            "note": request.POST.get("note", "").replace("\x00", ""),
            "errors": [] if valid else form.errors.get("note", []),
        }
    }
    if not valid:
        return respond_invalid(request, form, form.errors, **typed)
    return run_action(
        request,
        lambda: services.reject_reservation(
            request.user, reservation_id, form.cleaned_data["note"]
        ),
        lambda r: _("Reservation %(reference)s is rejected.") % reference_of(r),
        **typed,
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def prepare(request, reservation_id: int):
    return run_action(
        request,
        lambda: services.prepare_reservation(
            request.user, reservation_id, request.POST.get("asset_tag", "")
        ),
        lambda r: (
            _("Reservation %(reference)s is ready with unit %(tag)s.")
            % {"reference": r.reference, "tag": r.unit.asset_tag}
        ),
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def hand_over(request, reservation_id: int):
    data, error_response = read_condition(request)
    if error_response:
        return error_response
    return run_action(
        request,
        lambda: desk_services.hand_over(
            request.user,
            reservation_id,
            request.POST.get("asset_tag", ""),
            data.get("condition") or UnitCondition.GOOD,
            data.get("notes", ""),
        ),
        lambda r: (
            _("Unit %(tag)s handed over for reservation %(reference)s.")
            % {"reference": r.reference, "tag": r.unit.asset_tag}
        ),
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def take_back(request):
    data, error_response = read_condition(request)
    if error_response:
        return error_response
    tag = request.POST.get("asset_tag", "")
    if not tag.strip():
        return respond(request, _("Scan or type an asset tag."), error=True, status=400)
    return run_action(
        request,
        lambda: desk_services.take_back(
            request.user,
            tag,
            data.get("condition") or UnitCondition.GOOD,
            data.get("notes", ""),
        ),
        lambda r: (
            _("Unit %(tag)s is back; reservation %(reference)s is returned.")
            % {"reference": r.reference, "tag": r.unit.asset_tag}
        ),
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def extend(request, reservation_id: int):
    form = ExtendForm(request.POST)
    if not form.is_valid():
        message = " ".join(form.errors["end_date"])
        return respond(request, message, error=True, status=400)
    return run_action(
        request,
        lambda: desk_services.extend_loan(
            request.user, reservation_id, form.cleaned_data["end_date"]
        ),
        lambda r: (
            _("Reservation %(reference)s now ends on %(date)s.")
            % {"reference": r.reference, "date": r.end_date.strftime("%d/%m/%Y")}
        ),
    )


@require_store_staff
@require_POST
@rate_limited("store_visit", limit=600, period=600)
def visit(request):
    """Count one walk-in visit to the space named in the form."""
    space = request.POST.get("space", "")
    if space not in Space.values:
        return respond(
            request, _("Choose a space to count a visit."), error=True, status=400
        )
    desk_services.record_visit(request.user, space)
    return respond(
        request, _("Visit counted for %(space)s.") % {"space": Space(space).label}
    )


@require_store_staff
@require_POST
@rate_limited("store_desk", limit=300, period=600)
def help_status(request, help_request_id: int):
    """Change a help request's status or its external ticket reference."""
    to_status = request.POST.get("status", "")
    if to_status and to_status not in HelpStatus.values:
        messages.error(request, _("Choose a valid status."))
        return HttpResponseRedirect(
            reverse("store:help_detail", args=[help_request_id])
        )
    # A form without the field leaves the reference as it is.
    reference = None
    form = None
    if "external_reference" in request.POST:
        form = HelpHandlingForm(request.POST)
        if not form.is_valid():
            return reject_help_handling(request, help_request_id, form, to_status)
        reference = form.cleaned_data["external_reference"]
    try:
        help_request = change_help_status(
            request.user, help_request_id, to_status, reference
        )
    except StoreError as error:
        if error.code == "help_not_found":
            raise Http404(error.message) from error
        if form is not None:
            # The typed reference was rolled back with the status, so the page
            # shows it again with the error.
            form.add_error(None, error.message)
            return reject_help_handling(request, help_request_id, form, to_status)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Help request %(reference)s: %(status)s.")
            % {
                "reference": help_request.reference,
                "status": help_request.get_status_display(),
            },
        )
    return HttpResponseRedirect(reverse("store:help_detail", args=[help_request_id]))


def reject_help_handling(request, help_request_id: int, form, to_status: str):
    """Show the help request again with the form's errors and what staff typed:
    nothing is saved, neither the reference nor the status."""
    help_request = HelpRequest.objects.filter(pk=help_request_id).first()
    if help_request is None:
        raise Http404("no help request with this id")
    logger.info(
        "help request %s: handling by user %s rejected, invalid %s",
        help_request_id,
        request.user.pk,
        sorted(form.errors),
    )
    context = build_detail_context(
        request,
        help_request,
        HelpMessageForm(),
        handling_form=form,
        chosen_status=to_status or help_request.status,
    )
    return TemplateResponse(request, "store/help_detail.html", context, status=400)


@require_store_staff
@require_GET
def print_labels(request):
    """Render a printable sheet of QR labels, for one type or every unit."""
    units = EquipmentUnit.objects.select_related("equipment_type").exclude(
        state="retired"
    )
    type_id = parse_id(request.GET.get("type", ""))
    if type_id is not None:
        units = units.filter(equipment_type_id=type_id)
    context = {"labels": [labels.build_label(unit) for unit in units]}
    return TemplateResponse(request, "store/labels.html", context)
