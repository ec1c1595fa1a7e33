"""Kiosk usage counts for the committee's indicators, with no personal data."""

import datetime
from dataclasses import dataclass

from .models import KioskSession, ShortLinkHit


@dataclass(frozen=True)
class KioskUsage:
    sessions: int
    qr_scans: int


def count_kiosk_usage(start: datetime.datetime, end: datetime.datetime) -> KioskUsage:
    """Count the visitor sessions and QR code scans in ``[start, end)``."""
    return KioskUsage(
        sessions=KioskSession.objects.filter(
            started_at__gte=start, started_at__lt=end
        ).count(),
        qr_scans=ShortLinkHit.objects.filter(
            created_at__gte=start, created_at__lt=end
        ).count(),
    )
