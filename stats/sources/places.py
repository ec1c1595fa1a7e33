"""Place facts: desk visits per space, help requests, reservations, kiosk use."""

from django.db.models import Count

from kiosk.models import KioskSession, ShortLinkHit
from store.models import DeskVisit, HelpRequest, Reservation


def store_visits(start, end):
    rows = (
        DeskVisit.objects.filter(recorded_at__gte=start, recorded_at__lt=end)
        .values("space")
        .annotate(count=Count("pk"))
    )
    return [({"space": row["space"]}, row["count"]) for row in rows]


def help_requests(start, end):
    rows = (
        HelpRequest.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("kind")
        .annotate(count=Count("pk"))
    )
    return [({"help_kind": row["kind"]}, row["count"]) for row in rows]


def reservations(start, end):
    count = Reservation.objects.filter(
        created_at__gte=start, created_at__lt=end
    ).count()
    return [({}, count)]


def kiosk_sessions(start, end):
    rows = (
        KioskSession.objects.filter(started_at__gte=start, started_at__lt=end)
        .values("screen_id")
        .annotate(count=Count("pk"))
    )
    return [({"screen": row["screen_id"]}, row["count"]) for row in rows]


def qr_scans(start, end):
    count = ShortLinkHit.objects.filter(
        created_at__gte=start, created_at__lt=end
    ).count()
    return [({}, count)]
