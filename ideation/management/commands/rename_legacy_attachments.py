"""Give idea attachments stored under a guessable name a random one."""

from django.core.management.base import BaseCommand

from ideation.legacy_attachments import rename_legacy_attachments
from ideation.models import Idea


class Command(BaseCommand):
    help = (
        "Rename every idea attachment whose file still has the name it was "
        "uploaded with to a random name with its checked type's extension. "
        "Migration 0009 runs it once; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the ideas whose file would be renamed, and change nothing.",
        )

    def handle(self, *args, **options):
        moved = rename_legacy_attachments(Idea, dry_run=options["dry_run"])
        if options["verbosity"] >= 1:
            verb = "would be renamed" if options["dry_run"] else "renamed"
            ids = ", ".join(str(pk) for pk in moved) or "none"
            self.stdout.write(f"Attachments {verb}: {len(moved)} (ideas: {ids}).")
