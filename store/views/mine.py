"""The agent's own page: their reservations and help requests."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..models import HelpRequest, Reservation, ReservationEvent, ReservationStatus
from ..models.reservations import OPEN_STATUSES
from .common import render_page_or_partial, require_agent

# Reservations that will not take place, whether the agent or the store
# called them off.
CALLED_OFF_STATUSES = (ReservationStatus.CANCELLED, ReservationStatus.REJECTED)


@require_agent
@require_GET
def mine(request):
    """List the signed-in agent's reservations and help requests."""
    # The reason staff gave for a rejection, from its status change.
    rejection_note = (
        ReservationEvent.objects.filter(
            reservation=OuterRef("pk"), to_status=ReservationStatus.REJECTED
        )
        .order_by("-pk")
        .values("note")[:1]
    )
    reservations = list(
        Reservation.objects.filter(user=request.user)
        .select_related("equipment_type", "unit")
        .annotate(rejection_note=Subquery(rejection_note))
        .order_by("-start_date", "-pk")
    )
    today = timezone.localdate()
    current, called_off, past = [], [], []
    for reservation in reservations:
        status = reservation.effective_status
        if status in OPEN_STATUSES:
            current.append(reservation)
        elif status in CALLED_OFF_STATUSES and reservation.end_date >= today:
            # Its days are still to come, so it is not past, but it will not happen.
            called_off.append(reservation)
        else:
            past.append(reservation)
    help_requests = HelpRequest.objects.filter(requester=request.user).order_by(
        "-created_at"
    )
    context = {
        "current_reservations": current,
        "called_off_reservations": called_off,
        "past_reservations": past,
        "help_requests": help_requests,
        "cancellable": ("requested", "approved", "ready"),
    }
    return render_page_or_partial(request, "store/mine.html", "content", context)
