"""Apply reservation deadlines: mark overdue loans and no-shows."""

from django.core.management.base import BaseCommand

from store.desk import apply_deadlines


class Command(BaseCommand):
    help = (
        "Mark collected loans past their return day as overdue, and reservations "
        "not collected on their pick-up day as no-shows. Pages already show these "
        "statuses; this command writes them and e-mails the agents. Safe to run "
        "again: a second run changes nothing more."
    )

    def handle(self, *args, **options):
        changed = apply_deadlines()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{changed['overdue']} loans marked overdue, "
                f"{changed['no_show']} reservations marked not collected."
            )
