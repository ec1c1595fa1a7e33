"""Apply the retention periods of personal data in every app."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.privacy import purge_expired


class Command(BaseCommand):
    help = (
        "Apply the retention periods of personal data: every app's "
        "personal_data.purge_expired(now) runs (registrations reduced to "
        "aggregates, inactive partner accounts deactivated then erased, old "
        "sign-in log entries deleted). Run it daily from a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be purged, then roll everything back.",
        )
        parser.add_argument(
            "--now",
            help="Date and time to apply the periods at (ISO 8601); default: now.",
        )

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = self.parse_now(now)
        with transaction.atomic():
            results = purge_expired(moment)
            if dry_run:
                transaction.set_rollback(True)
        prefix = "would purge" if dry_run else "purged"
        for label, result in results.items():
            self.stdout.write(f"{label}: {prefix} {result}")
        if not results:
            self.stdout.write("no app defines purge_expired")

    def parse_now(self, value: str | None) -> datetime.datetime:
        if not value:
            return timezone.now()
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(
                f"--now={value!r} is not an ISO 8601 date, for example "
                "2027-01-31T03:00:00+01:00."
            ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment
