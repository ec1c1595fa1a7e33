"""The agent's own page: their reservations and help requests."""

from django.views.decorators.http import require_GET

from ..models import HelpRequest, Reservation
from ..models.reservations import OPEN_STATUSES
from .common import render_page_or_partial, require_agent


@require_agent
@require_GET
def mine(request):
    """List the signed-in agent's reservations and help requests."""
    reservations = list(
        Reservation.objects.filter(user=request.user)
        .select_related("equipment_type", "unit")
        .order_by("-start_date", "-pk")
    )
    current = [r for r in reservations if r.effective_status in OPEN_STATUSES]
    past = [r for r in reservations if r.effective_status not in OPEN_STATUSES]
    help_requests = HelpRequest.objects.filter(requester=request.user).order_by(
        "-created_at"
    )
    context = {
        "current_reservations": current,
        "past_reservations": past,
        "help_requests": help_requests,
        "cancellable": ("requested", "approved", "ready"),
    }
    return render_page_or_partial(request, "store/mine.html", "content", context)
