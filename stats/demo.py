"""Demo history for the indicators: three finished quarters of activity.

Past masterclasses with check-ins and desk visits give the committee's
report figures to compare. Attendance grows from 48 to 107 then 163 people,
which the report shows as +123 % then +52 %. Every record is found again by
a stable slug or marker, so running seed_demo twice changes nothing.
"""

import datetime
import logging

from events.models import MasterclassPage, Registration, Venue
from events.models.registrations import AttendeeAudience, RegistrationStatus
from stats.periods import Quarter, start_of_day
from store.models import DeskVisit

logger = logging.getLogger(__name__)

# (quarters before the current one, topic, attendance, of whom external,
# desk visits)
HISTORY = [
    (3, "Organiser ses fichiers dans l’espace partagé", 48, 6, 120),
    (2, "Réussir ses visioconférences", 107, 15, 180),
    (1, "Protéger ses comptes avec la double authentification", 163, 21, 240),
]
ENGLISH_TOPICS = {
    "Organiser ses fichiers dans l’espace partagé": (
        "Organising files in the shared drive"
    ),
    "Réussir ses visioconférences": "Running good video meetings",
    "Protéger ses comptes avec la double authentification": (
        "Protecting accounts with two-factor authentication"
    ),
}
SPACES = ("store", "room", "class", "lab")


def seed(context) -> None:
    current = Quarter.current()
    venues = list(Venue.objects.order_by("-is_main_site", "name")[:2])
    for quarters_back, topic, attended, external, visits in HISTORY:
        quarter = current
        for _step in range(quarters_back):
            quarter = quarter.previous()
        day = quarter.first_day + datetime.timedelta(days=40)
        event = seed_event(context, quarter, day, topic, venues)
        seed_attendance(event, attended, external)
        seed_visits(quarter, day, visits)
    logger.info("indicator history seeded for the 3 quarters before %s", current.code)


def seed_event(context, quarter: Quarter, day: datetime.date, topic: str, venues):
    slug = f"historique-masterclass-{quarter.code.lower()}"
    start = start_of_day(day) + datetime.timedelta(hours=9, minutes=30)
    fields = {
        "title": f"Masterclass\u202f: {topic}",
        "topic": topic,
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "capacity": 200,
        "venue": venues[0] if venues else None,
    }
    page = context.command.get_or_create_child(
        context.programme, MasterclassPage, slug, fields
    )
    english = ENGLISH_TOPICS[topic]
    context.command.get_or_create_translation(
        page, {"title": f"Masterclass: {english}", "topic": english}
    )
    return page


def seed_attendance(event, attended: int, external: int) -> None:
    if Registration.objects.filter(event=event).exists():
        return
    checked_in_at = event.start + datetime.timedelta(minutes=10)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Participant {number + 1}",
            email=f"participant{number + 1}.{event.slug}@example.org",
            audience=audience_of(number, external),
            status=RegistrationStatus.ATTENDED,
            checked_in_at=checked_in_at,
        )
        for number in range(attended)
    )


def audience_of(number: int, external: int) -> str:
    if number < external:
        return AttendeeAudience.EXTERNAL
    return AttendeeAudience.STAFF


def seed_visits(quarter: Quarter, day: datetime.date, count: int) -> None:
    period = quarter.period()
    if DeskVisit.objects.filter(
        recorded_at__gte=period.start, recorded_at__lt=period.end
    ).exists():
        return
    moment = start_of_day(day) + datetime.timedelta(hours=11)
    DeskVisit.objects.bulk_create(
        DeskVisit(space=SPACES[number % len(SPACES)], recorded_at=moment)
        for number in range(count)
    )
