"""Agents reserve equipment: the form, per-day availability, cancellation."""

import datetime
import logging

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.query import parse_id
from cms.ratelimit import rate_limited

from .. import availability, slots
from .. import reservations as services
from ..errors import StoreError
from ..forms import ReservationForm, parse_slot
from ..models import EquipmentType, Reservation, ReservationStatus
from .common import add_store_error, render_page_or_partial, require_agent

logger = logging.getLogger(__name__)

TEMPLATE = "store/reservation_form.html"
# Days shown in the availability calendar, from the chosen pick-up day.
CALENDAR_DAYS = 21


def read_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def build_calendar(
    equipment_type,
    first_day: datetime.date,
    slot_day: datetime.date | None,
    end_date: datetime.date | None,
) -> list[dict]:
    """Return the calendar's days from ``first_day``, with what each day offers.

    A day is full when no unit is free or every pick-up slot is taken, so it
    cannot be the pick-up day. Loans cover ``[pick-up day, return day)``, so
    the return day needs neither a free unit nor a slot. While a pick-up day
    is chosen and the return day is not, a full day that can end that loan
    stays a choice (``ends_loan``). It can end the loan when every day from
    the pick-up day to the day before it has a unit free, and when the loan
    stays within the type's ``max_loan_days``.
    """
    free = availability.get_daily_free_units(
        equipment_type, first_day, first_day + datetime.timedelta(days=CALENDAR_DAYS)
    )
    open_days = [day for day in free if slots.get_opening_periods(day)]
    earliest = timezone.now() + datetime.timedelta(hours=equipment_type.lead_time_hours)
    slots_taken = slots.find_days_with_slots_taken(open_days, earliest)
    selected_end = end_date if end_date and end_date > first_day else None
    awaiting_return = (
        slot_day is not None and end_date is None and slot_day not in slots_taken
    )
    # True while every day from the pick-up day to the day before the current
    # one has a unit free.
    units_free_so_far = True
    calendar = []
    for day, count in free.items():
        is_open = day in open_days
        full = is_open and (count == 0 or day in slots_taken)
        ends_loan = (
            full
            and awaiting_return
            and units_free_so_far
            and day > slot_day
            and (day - slot_day).days <= equipment_type.max_loan_days
        )
        calendar.append(
            {
                "day": day,
                "free": count,
                "open": is_open,
                "full": full,
                "units_taken": count == 0,
                "ends_loan": ends_loan,
                # The days that store.js turns into buttons.
                "pickable": is_open and (not full or ends_loan),
                "closure_reason": slots.get_closure_reason(day),
                "selected": selected_end is not None
                and first_day <= day < selected_end,
            }
        )
        units_free_so_far = units_free_so_far and count > 0
    return calendar


def build_availability(equipment_type, start_date, end_date=None) -> dict:
    """Return the calendar of free units and the pick-up slots of the start day."""
    today = timezone.localdate()
    last_day = today + datetime.timedelta(days=services.BOOKING_HORIZON_DAYS)
    slot_day = start_date
    if start_date is None or start_date < today or start_date > last_day:
        # The calendar starts today, but slots appear only for a chosen valid day.
        start_date = today
        slot_day = None
    calendar = []
    if equipment_type is not None:
        calendar = build_calendar(equipment_type, start_date, slot_day, end_date)
    day_slots = []
    closure_reason = None
    if equipment_type is not None and slot_day is not None:
        earliest = timezone.now() + datetime.timedelta(
            hours=equipment_type.lead_time_hours
        )
        day_slots = slots.get_free_slots(slot_day, earliest)
        closure_reason = slots.get_closure_reason(slot_day)
    return {
        "calendar": calendar,
        "day_slots": day_slots,
        "slot_day": slot_day,
        "slot_day_closure_reason": closure_reason,
        "equipment_type": equipment_type,
    }


def get_terms() -> str:
    store_settings = slots.get_store_settings()
    if get_language() == "en" and store_settings.loan_terms_en:
        return store_settings.loan_terms_en
    return store_settings.loan_terms


def describe_new_reservation(reservation: Reservation) -> str:
    """Return the confirmation shown after a reservation, in words for its status.

    A new reservation is approved at once, or requested when its type needs
    the store's approval.
    """
    values = {"reference": reservation.reference}
    if reservation.status == ReservationStatus.APPROVED:
        return _("Your reservation %(reference)s is recorded and approved.") % values
    if reservation.status == ReservationStatus.REQUESTED:
        return (
            _(
                "Your reservation request %(reference)s is recorded. "
                "The store team will review it before approving it."
            )
            % values
        )
    return _("Your reservation %(reference)s is recorded.") % values


def build_context(form, equipment_type, start_date, end_date, chosen_slot=None):
    context = build_availability(equipment_type, start_date, end_date)
    context.update(
        form=form,
        terms=get_terms(),
        chosen_slot=chosen_slot,
        types=EquipmentType.objects.filter(is_active=True),
    )
    return context


@require_agent
@require_http_methods(["GET", "POST"])
@rate_limited("store_reserve", limit=20, period=600)
def reserve(request):
    """Show the reservation form (GET) or make the reservation (POST).

    A POST with ``check`` only refreshes the availability, for browsers
    without JavaScript.
    """
    if request.method == "GET":
        initial = {"service": request.GET.get("service") or None}
        equipment_type = None
        type_id = parse_id(request.GET.get("type", ""))
        if type_id is not None:
            equipment_type = EquipmentType.objects.filter(
                pk=type_id, is_active=True
            ).first()
            initial["equipment_type"] = equipment_type
        form = ReservationForm(initial=initial)
        context = build_context(form, equipment_type, None, None)
        return render_page_or_partial(request, TEMPLATE, "reservation-form", context)

    form = ReservationForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    equipment_type = data.get("equipment_type")
    start_date, end_date = data.get("start_date"), data.get("end_date")
    chosen_slot = data.get("pickup_at")
    checking = "check" in request.POST
    if not checking:
        # Every error at once, so that one submission shows all there is to fix.
        # A field that the form already rejected keeps that one message.
        errors = services.find_request_errors(
            equipment_type,
            start_date,
            end_date,
            chosen_slot,
            data.get("accept_terms", False),
        )
        for error in errors:
            if error.field not in form.errors:
                add_store_error(form, error)
    if not checking and not form.errors:
        try:
            reservation = services.create_reservation(
                request.user,
                equipment_type.pk,
                start_date,
                end_date,
                pickup_at=chosen_slot,
                accepted_terms=data["accept_terms"],
                note=data["note"],
                service_key=data.get("service"),
            )
        except StoreError as error:
            add_store_error(form, error)
        else:
            messages.success(
                request,
                describe_new_reservation(reservation)
                + " "
                + slots.describe_pickup(reservation),
            )
            url = reverse("store:mine") + f"#reservation-{reservation.pk}"
            if request.htmx:
                response = HttpResponseRedirect(url)
                response["HX-Redirect"] = url
                return response
            return HttpResponseRedirect(url)
    status = 200 if checking else 400
    context = build_context(form, equipment_type, start_date, end_date, chosen_slot)
    return render_page_or_partial(
        request, TEMPLATE, "reservation-form", context, status=status
    )


@require_agent
@require_GET
def availability_fragment(request):
    """Return the calendar and the slots for a type and a pick-up day (htmx)."""
    type_id = parse_id(request.GET.get("equipment_type", ""))
    equipment_type = None
    if type_id is not None:
        equipment_type = EquipmentType.objects.filter(
            pk=type_id, is_active=True
        ).first()
    start_date = read_date(request.GET.get("start_date", ""))
    end_date = read_date(request.GET.get("end_date", ""))
    chosen_slot = parse_slot(request.GET.get("pickup_at", ""))
    context = build_availability(equipment_type, start_date, end_date)
    context["chosen_slot"] = chosen_slot
    if not request.htmx:
        # The fragment is not a page: send people to the form.
        raise Http404("availability is served to the reservation form only")
    return render_page_or_partial(request, TEMPLATE, "availability", context)


@require_agent
@require_POST
@rate_limited("store_cancel", limit=30, period=600)
def cancel(request, reservation_id: int):
    try:
        reservation = services.cancel_reservation(request.user, reservation_id)
    except StoreError as error:
        if error.status_code == 404:
            raise Http404(error.message) from None
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Reservation %(reference)s is cancelled.")
            % {"reference": reservation.reference},
        )
    return HttpResponseRedirect(reverse("store:mine"))
