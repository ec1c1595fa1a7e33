"""Demo content of the programme, run by ``manage.py seed_demo`` after the
core pages: speakers, a Smart Class course with sessions, the Smart Tour and
quarter pages, registrations with a waiting list, and a past event with
check-ins for the indicators.

Every object is found again by a stable key (slug, name, e-mail) and created
only when it is missing, so running the command twice leaves the same counts
and keeps what people changed since.
"""

import datetime
import logging

from django.utils import timezone

from .models import (
    CoursePage,
    EventPage,
    MasterclassPage,
    Quarter,
    QuarterPage,
    Registration,
    RegistrationOrigin,
    RegistrationStatus,
    RoundTablePage,
    SmartTourPage,
    Speaker,
    TrainingSessionPage,
    Venue,
)
from .registrations import get_source_event

logger = logging.getLogger(__name__)

SPEAKERS = [
    {
        "name": "Claire Fontaine",
        "role": "Cheffe de projet données",
        "organisation": "Direction du numérique",
        "biography": "Pilote l’ouverture des données du Département depuis 2021.",
    },
    {
        "name": "Marc Olivier",
        "role": "Chercheur en intelligence artificielle",
        "organisation": "Université régionale",
        "biography": "Travaille sur les usages de l’IA dans les services publics.",
    },
]

COURSE = {
    "slug": "bien-debuter-avec-le-tableur",
    "fr": {
        "title": "Bien débuter avec le tableur",
        "summary": "Trois séances pour construire, trier et partager un tableau.",
        "objectives": "Saisir et mettre en forme des données.\nTrier et filtrer.\n"
        "Partager un classeur en ligne.",
        "prerequisites": "Savoir utiliser une souris et un clavier.",
    },
    "en": {
        "slug": "getting-started-with-spreadsheets",
        "title": "Getting started with spreadsheets",
        "summary": "Three sessions to build, sort and share a table.",
        "objectives": "Enter and format data.\nSort and filter.\n"
        "Share a workbook online.",
        "prerequisites": "Being able to use a mouse and a keyboard.",
    },
    # Days after the next Monday, start time.
    "sessions": [(2, "14:00"), (9, "14:00"), (16, "14:00")],
}

TOUR = {
    "slug": "smart-tour",
    "fr": {
        "title": "Smart Tour",
        "intro": "Le Smart Corner se déplace sur les sites du Département : "
        "retrouvez les prochaines étapes près de chez vous.",
    },
    "en": {
        "slug": "smart-tour",
        "title": "Smart Tour",
        "intro": "The Smart Corner travels to the département’s sites: find the "
        "next stops near you.",
    },
}

# People registered for upcoming events: e-mail and event slug. The demo's
# own small masterclass has three seats, so its fourth person waits.
REGISTRATIONS = [
    ("agent@example.org", "masterclass-agenda-partage"),
    ("agent2@example.org", "masterclass-agenda-partage"),
    ("agent@example.org", "table-ronde-ia-service-public"),
    ("partenaire@example.org", "table-ronde-ia-service-public"),
    ("agent2@example.org", "cafe-numerique-signature-electronique"),
    ("agent2@example.org", "masterclass-ia-generative"),
    ("agent3@example.org", "masterclass-ia-generative"),
    ("agent4@example.org", "masterclass-ia-generative"),
    ("agent@example.org", "masterclass-ia-generative"),
]
SMALL_EVENT = {
    "slug": "masterclass-ia-generative",
    "days": 3,
    "time": "14:00",
    "capacity": 3,
    "fr": {
        "title": "Masterclass : l’IA générative au bureau",
        "topic": "IA générative",
        "summary": "Ce que les assistants d’écriture savent faire, et leurs limites.",
    },
    "en": {
        "slug": "masterclass-generative-ai",
        "title": "Masterclass: generative AI at work",
        "topic": "Generative AI",
        "summary": "What writing assistants can do, and their limits.",
    },
}

PAST_EVENT_SLUG = "masterclass-messagerie-bilan"


def seed(context) -> None:
    programme = context.programme
    first_day = next_monday()
    seed_speakers(context)
    course = seed_course(context, programme, first_day)
    seed_tour(context, programme)
    seed_quarter_page(context, programme, first_day)
    seed_registrations(context, programme, first_day)
    seed_past_event(context, programme)
    context.command.log(
        f"Programme demo: course {course.pk}, "
        f"{Registration.objects.count()} registrations."
    )


def next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def at(day: datetime.date, time: str) -> datetime.datetime:
    hour, minute = (int(part) for part in time.split(":"))
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def get_or_create_child(context, parent, model, slug: str, fields: dict):
    return context.command.get_or_create_child(parent, model, slug, fields)


def get_or_create_translation(context, page, fields: dict):
    return context.command.get_or_create_translation(page, fields)


def seed_speakers(context) -> None:
    """Create the speakers, and name them on the round tables this run created."""
    speakers = []
    for entry in SPEAKERS:
        speaker, _created = Speaker.objects.get_or_create(
            name=entry["name"], defaults=entry
        )
        speakers.append(speaker)
    for page in RoundTablePage.objects.all():
        if context.command.was_created(page):
            page.speakers.set(speakers)
            page.save(update_fields=[])


def seed_course(context, programme, first_day) -> CoursePage:
    main_site = Venue.objects.filter(is_main_site=True).first()
    course = get_or_create_child(
        context,
        programme,
        CoursePage,
        COURSE["slug"],
        dict(COURSE["fr"], level="beginner"),
    )
    english_course = get_or_create_translation(context, course, COURSE["en"])
    quarter = Quarter.for_date(first_day)
    for number, (days, time) in enumerate(COURSE["sessions"], start=1):
        start = at(first_day + datetime.timedelta(days=days), time)
        shared = {
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "venue": main_site,
            "room": "Salle Smart Class",
            "space": "class",
            "capacity": 12,
            "quarter": quarter,
            "audience": "staff",
        }
        session = get_or_create_child(
            context,
            course,
            TrainingSessionPage,
            f"seance-{number}",
            {
                **shared,
                "title": f"Tableur – séance {number}",
                "summary": f"Séance {number} sur 3 de la formation au tableur.",
            },
        )
        # wagtail-localize puts the English session under the English course.
        get_or_create_translation(
            context,
            session,
            {
                "slug": f"session-{number}",
                "title": f"Spreadsheets – session {number}",
                "summary": f"Session {number} of 3 of the spreadsheet course.",
                "room": "Smart Class room",
            },
        )
    logger.info(
        "demo course %s (English %s) seeded",
        course.pk,
        english_course.pk if english_course else None,
    )
    return course


def seed_tour(context, programme) -> None:
    tour = get_or_create_child(
        context, programme, SmartTourPage, TOUR["slug"], TOUR["fr"]
    )
    get_or_create_translation(context, tour, TOUR["en"])


def seed_quarter_page(context, programme, first_day) -> None:
    quarter = Quarter.for_date(first_day)
    label = f"T{quarter.number} {quarter.year}"
    page = get_or_create_child(
        context,
        programme,
        QuarterPage,
        f"trimestre-{quarter.year}-{quarter.number}",
        {
            "title": f"Programme du trimestre ({label})",
            "quarter": quarter,
            "intro": "Tous les rendez-vous du trimestre, sur place et en tournée.",
        },
    )
    get_or_create_translation(
        context,
        page,
        {
            "slug": f"quarter-{quarter.year}-{quarter.number}",
            "title": f"This quarter’s programme (Q{quarter.number} {quarter.year})",
            "intro": "Every event of the quarter, on site and on tour.",
        },
    )
    if context.command.was_created(page) and not quarter.committee_notes:
        quarter.committee_notes = (
            "Priorité aux sites du Smart Tour ; une table ronde par mois."
        )
        quarter.save(update_fields=["committee_notes"])


def seed_registrations(context, programme, first_day) -> None:
    """Register demo people directly, without e-mails: seats in list order,
    then the waiting list once an event is full."""
    main_site = Venue.objects.filter(is_main_site=True).first()
    start = at(
        first_day + datetime.timedelta(days=SMALL_EVENT["days"]), SMALL_EVENT["time"]
    )
    small = get_or_create_child(
        context,
        programme,
        MasterclassPage,
        SMALL_EVENT["slug"],
        {
            **SMALL_EVENT["fr"],
            "start": start,
            "end": start + datetime.timedelta(hours=1, minutes=30),
            "venue": main_site,
            "room": "Smart Room",
            "capacity": SMALL_EVENT["capacity"],
            "audience": "open",
            "quarter": Quarter.for_date(start.date()),
        },
    )
    get_or_create_translation(context, small, SMALL_EVENT["en"])
    for email, event_slug in REGISTRATIONS:
        user = context.users.get(email)
        page = EventPage.objects.child_of(programme).filter(slug=event_slug).first()
        if user is None or page is None:
            continue
        event = get_source_event(page)
        if Registration.objects.filter(event=event, user=user).exists():
            continue
        if user.is_partner and not event.is_open_to_guests:
            continue
        taken = Registration.objects.filter(event=event).holding_seat().count()
        full = event.capacity is not None and taken >= event.capacity
        now = timezone.now()
        Registration.objects.create(
            event=event,
            user=user,
            name=user.get_full_name() or user.email,
            email=user.email,
            organisation=user.organisation or user.department,
            audience="external" if user.is_partner else "staff",
            status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
            queued_at=now if full else None,
            confirmed_at=None if full else now,
        )


def seed_past_event(context, programme) -> None:
    """Create a masterclass of the previous month with check-ins, for the indicators."""
    main_site = Venue.objects.filter(is_main_site=True).first()
    start = at(
        timezone.localdate().replace(day=1) - datetime.timedelta(days=20), "10:00"
    )
    page = get_or_create_child(
        context,
        programme,
        MasterclassPage,
        PAST_EVENT_SLUG,
        {
            "title": "Masterclass : bien gérer sa messagerie",
            "topic": "Messagerie",
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "venue": main_site,
            "room": "Smart Room",
            "capacity": 20,
            "quarter": Quarter.for_date(start.date()),
        },
    )
    get_or_create_translation(
        context,
        page,
        {
            "slug": "masterclass-email-review",
            "title": "Masterclass: managing your e-mail",
            "topic": "E-mail",
        },
    )
    source = get_source_event(page)
    for index, email in enumerate(sorted(context.users)):
        if index >= 6:
            break
        user = context.users[email]
        status = (
            RegistrationStatus.ATTENDED if index < 4 else RegistrationStatus.CONFIRMED
        )
        Registration.objects.get_or_create(
            event=source,
            user=user,
            defaults={
                "name": user.get_full_name() or user.email,
                "email": user.email,
                "organisation": user.organisation or user.department,
                "audience": "external" if user.is_partner else "staff",
                "origin": RegistrationOrigin.SELF,
                "status": status,
                "confirmed_at": start - datetime.timedelta(days=7),
                "checked_in_at": start
                if status == RegistrationStatus.ATTENDED
                else None,
            },
        )
