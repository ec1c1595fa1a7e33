"""Export and erasure of one person's data held by the Smart Store.

Reservations and help requests stay after erasure, without their person,
because the indicators count them per quarter and the equipment's history
needs its loans. What identifies the person (the link to the account, free
text they wrote) goes; dates, statuses and equipment stay. Reservations not
collected yet are cancelled first.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from .models import (
    HelpMessage,
    HelpRequest,
    HelpRequestEvent,
    Reservation,
    ReservationEvent,
    ReservationStatus,
)

logger = logging.getLogger(__name__)


def export_reservation(reservation: Reservation) -> dict:
    return {
        "reference": reservation.reference,
        "equipment_type": reservation.equipment_type.display_name,
        "unit": reservation.unit.asset_tag if reservation.unit else "",
        "status": reservation.effective_status,
        "start_date": reservation.start_date.isoformat(),
        "end_date": reservation.end_date.isoformat(),
        "pickup_at": reservation.pickup_at.isoformat(),
        "terms_accepted_at": reservation.terms_accepted_at.isoformat(),
        "note": reservation.agent_note,
        "created_at": reservation.created_at.isoformat(),
    }


def export_help_request(help_request: HelpRequest) -> dict:
    return {
        "reference": help_request.reference,
        "kind": help_request.kind,
        "status": help_request.status,
        "description": help_request.description,
        "preferred_at": (
            help_request.preferred_at.isoformat() if help_request.preferred_at else ""
        ),
        "walk_in": help_request.walk_in,
        "external_reference": help_request.external_reference,
        "created_at": help_request.created_at.isoformat(),
        "satisfaction_rating": help_request.satisfaction_rating,
        "satisfaction_comment": help_request.satisfaction_comment,
    }


def export_user_data(user) -> dict[str, list[dict]]:
    """Return the person's store data, one list of plain records per kind."""
    reservations = Reservation.objects.filter(user=user).select_related(
        "equipment_type", "unit"
    )
    help_requests = HelpRequest.objects.filter(requester=user)
    messages = HelpMessage.objects.filter(author=user).select_related("help_request")
    changes = ReservationEvent.objects.filter(actor=user).select_related("reservation")
    return {
        "store_reservations": [export_reservation(r) for r in reservations],
        "store_reservation_changes": [
            {
                "reservation": change.reservation.reference,
                "from_status": change.from_status,
                "to_status": change.to_status,
                "at": change.at.isoformat(),
            }
            for change in changes
        ],
        "store_help_requests": [export_help_request(h) for h in help_requests],
        "store_help_messages": [
            {
                "help_request": message.help_request.reference,
                "body": message.body,
                "created_at": message.created_at.isoformat(),
            }
            for message in messages
        ],
    }


# Reservations whose equipment the person has not collected yet.
NOT_COLLECTED_STATUSES = (
    ReservationStatus.REQUESTED,
    ReservationStatus.APPROVED,
    ReservationStatus.READY,
)


# Reservations whose equipment the person still has.
ON_LOAN_STATUSES = (ReservationStatus.COLLECTED, ReservationStatus.OVERDUE)


def erasure_blockers(user) -> list[str]:
    """Return one message per loan that the person has not returned.

    The desk needs to know who has a unit until it comes back, so a person
    erases their own account only after returning what they borrowed.
    """
    on_loan = Reservation.objects.filter(
        user=user, status__in=ON_LOAN_STATUSES
    ).select_related("equipment_type")
    return [
        _(
            "You still have %(equipment)s on loan (reservation %(reference)s): "
            "return it to the Smart Store before erasing your account."
        )
        % {"equipment": reservation.equipment_type, "reference": reservation.reference}
        for reservation in on_loan.order_by("pk")
    ]


def cancel_reservations_not_collected(user) -> int:
    """Cancel the person's reservations not yet collected; return their count.

    An erased person will not come to the desk, so their units and pick-up
    slots go back to others. No e-mail is sent to an account being erased.
    """
    pending = list(
        Reservation.objects.select_for_update(of=("self",)).filter(
            user=user, status__in=NOT_COLLECTED_STATUSES
        )
    )
    for reservation in pending:
        from_status = reservation.status
        reservation.status = ReservationStatus.CANCELLED
        reservation.unit = None
        reservation.save(update_fields=["status", "unit"])
        ReservationEvent.objects.create(
            reservation=reservation,
            from_status=from_status,
            to_status=ReservationStatus.CANCELLED,
            note="account erased",
        )
    return len(pending)


def erase_user_data(user) -> None:
    """Detach the person from every store record and blank what they wrote.

    Counts per quarter, loan history and status records stay consistent:
    no row is deleted except the conversation of the person's own help
    requests, which is about them.
    """
    with transaction.atomic():
        cancelled_count = cancel_reservations_not_collected(user)
        reservations = Reservation.objects.filter(user=user)
        reservation_count = reservations.update(user=None, agent_note="")
        ReservationEvent.objects.filter(actor=user).update(actor=None)
        own_requests = HelpRequest.objects.filter(requester=user)
        HelpMessage.objects.filter(help_request__in=own_requests).delete()
        help_count = own_requests.update(
            requester=None, description="", satisfaction_comment=""
        )
        # Messages the person wrote on others' requests, as staff.
        HelpMessage.objects.filter(author=user).update(author=None)
        HelpRequestEvent.objects.filter(actor=user).update(actor=None)
    logger.info(
        "store data of user %s erased: %s reservations (%s of them cancelled) and "
        "%s help requests kept without their person",
        user.pk,
        reservation_count,
        cancelled_count,
        help_count,
    )
