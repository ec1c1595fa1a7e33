"""Send the daily digest of Smart Lab news to people who asked for one."""

from django.core.management.base import BaseCommand

from ideation.notifications import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person who chose the daily digest the Smart Lab news they "
        "have not read or received yet. Run it once a day."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} digests sent.")
