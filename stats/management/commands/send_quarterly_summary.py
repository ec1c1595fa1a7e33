"""E-mail the quarter's indicators to the programming committee."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import translation

from accounts.groups import COMMITTEE
from stats.exports import as_csv
from stats.periods import Quarter
from stats.report import build_report

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "E-mail a quarter's indicators (default: the last finished quarter) to "
        "every active member of the programming committee group, with the "
        "figures as a CSV attachment."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarter",
            help="Quarter such as 2026-T3 (default: the one before the current one).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the recipients without sending anything.",
        )

    def handle(self, *args, quarter=None, dry_run=False, verbosity=1, **options):
        try:
            chosen = Quarter.parse(quarter) if quarter else Quarter.current().previous()
        except ValueError as error:
            raise CommandError(f"{error}: use the form 2026-T3.") from error
        recipients = list(
            get_user_model()
            .objects.filter(groups__name=COMMITTEE, is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
        if not recipients:
            raise CommandError(
                f"The group {COMMITTEE!r} has no active member with an e-mail address."
            )
        if dry_run:
            for user in recipients:
                self.stdout.write(f"would send {chosen.code} to user {user.pk}")
            return
        for user in recipients:
            self.send(chosen, user)
        logger.info(
            "quarterly summary %s sent to %s people", chosen.code, len(recipients)
        )
        if verbosity >= 1:
            self.stdout.write(
                f"Summary of {chosen.code} sent to {len(recipients)} people."
            )

    def send(self, quarter: Quarter, user) -> None:
        language = getattr(user, "language", "") or "fr"
        with translation.override(language):
            report = build_report(quarter.period(), {})
            context = {"report": report, "user": user}
            subject = render_to_string("stats/email/summary_subject.txt", context)
            message = EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=render_to_string("stats/email/summary.txt", context),
                to=[user.email],
            )
            message.attach_alternative(
                render_to_string("stats/email/summary.html", context), "text/html"
            )
            message.attach(
                f"indicateurs-{quarter.code}.csv",
                as_csv(report, french=language == "fr"),
                "text/csv",
            )
            message.send()
