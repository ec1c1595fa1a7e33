"""Send the reminders of tomorrow's events; safe to run as often as wanted."""

from django.core.management.base import BaseCommand

from events.emails import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to each person holding a seat at an event that "
        "starts within EVENTS_REMINDER_HOURS (24 by default). A reminder is "
        "sent once, and never to someone who got their seat after it was due. "
        "Run it from a timer, for example every 15 minutes."
    )

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        if options["verbosity"] >= 1:
            # The immediate back end has run the task already; the database
            # worker runs it later.
            if result.is_finished:
                self.stdout.write(f"{result.return_value} reminders sent.")
            else:
                self.stdout.write(f"Reminder task {result.id} queued.")
