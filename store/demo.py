"""Demo content of the Smart Store, called by ``manage.py seed_demo``.

Creates the opening hours, the slot settings, equipment with units, the
service catalogue under the Smart Store space page (French, with English
translations), demand counts for the "most requested" order, and a few
reservations and help requests so that the desk is not empty. Every record
is found again by a stable key and created only when it is missing, so a
second run keeps what the store staff changed since.
"""

import datetime
import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from . import demo_content as content
from . import slots
from .models import (
    Closure,
    EquipmentType,
    EquipmentUnit,
    HelpRequest,
    OpeningHours,
    Reservation,
    ReservationEvent,
    ServiceCatalogPage,
    ServiceCategoryPage,
    ServiceDemand,
    ServicePage,
    StoreSettings,
)

logger = logging.getLogger(__name__)

OPENING_PERIODS = [
    (datetime.time(8, 30), datetime.time(12, 30)),
    (datetime.time(13, 30), datetime.time(17, 30)),
]
# Day of the demand counts; a fixed offset keeps re-runs on the same row.
DEMAND_DAYS_AGO = 10


def seed(context) -> None:
    seed_schedule(context)
    types = seed_equipment(context)
    catalogue = seed_catalogue(context, types)
    seed_activity(context, types)
    logger.info("store demo seeded under catalogue page %s", catalogue.pk)


def seed_schedule(context) -> None:
    # Staff who changed the hours changed the whole week: the demo's hours
    # come only into an empty schedule, or they would overlap the new ones.
    if not OpeningHours.objects.exists():
        for weekday in range(5):
            for opens_at, closes_at in OPENING_PERIODS:
                OpeningHours.objects.create(
                    weekday=weekday, opens_at=opens_at, closes_at=closes_at
                )
    context.command.fill_unset_fields(
        StoreSettings.load(),
        {
            "slot_minutes": 30,
            "slot_capacity": 3,
            "loan_terms": content.LOAN_TERMS["fr"],
            "loan_terms_en": content.LOAN_TERMS["en"],
        },
    )
    christmas = datetime.date(timezone.localdate().year, 12, 25)
    Closure.objects.get_or_create(
        start_date=christmas, end_date=christmas, defaults={"reason": "Noël"}
    )


def seed_equipment(context) -> dict[str, EquipmentType]:
    types = {}
    for entry in content.EQUIPMENT:
        photo = context.command.get_image(entry["name"], entry["colour"])
        equipment_type, _created = EquipmentType.objects.get_or_create(
            name=entry["name"],
            defaults={
                "photo": photo,
                "name_en": entry["name_en"],
                "description": entry["description"],
                "description_en": entry["description_en"],
                "max_loan_days": entry["max_loan_days"],
                "lead_time_hours": entry["lead_time_hours"],
                "requires_approval": entry["requires_approval"],
                "max_active_loans_per_agent": entry["max_active_loans_per_agent"],
            },
        )
        for tag, serial in entry["units"]:
            EquipmentUnit.objects.get_or_create(
                asset_tag=tag,
                defaults={"equipment_type": equipment_type, "serial_number": serial},
            )
        types[entry["name"]] = equipment_type
    return types


def rich_faq(pairs: list) -> list:
    return [
        (kind, {"question": value["question"], "answer": RichText(value["answer"])})
        for kind, value in pairs
    ]


def find_training_event(context):
    EventPage = apps.get_model("events", "EventPage")
    return (
        EventPage.objects.live()
        .child_of(context.programme)
        .filter(locale=context.french)
        .order_by("pk")
        .first()
    )


def seed_catalogue(context, types: dict) -> ServiceCatalogPage:
    command = context.command
    store_space = context.spaces["store"]
    catalogue = command.get_or_create_child(
        store_space,
        ServiceCatalogPage,
        content.CATALOGUE["slug"],
        content.CATALOGUE["fr"],
    )
    command.get_or_create_translation(catalogue, content.CATALOGUE["en"])
    categories = {}
    for entry in content.CATEGORIES:
        category = command.get_or_create_child(
            catalogue, ServiceCategoryPage, entry["slug"], entry["fr"]
        )
        command.get_or_create_translation(category, entry["en"])
        categories[entry["slug"]] = category
    event = find_training_event(context)
    today = timezone.localdate()
    for entry in content.SERVICES:
        shared = {
            "action": entry["action"],
            "audience": entry["audience"],
            "equipment_type": types.get(entry.get("equipment")),
            "training_event": event if entry["action"] == "training" else None,
            "external_url": entry.get("external_url", ""),
            "related_events": [("event", event)] if event else [],
        }
        french = dict(entry["fr"], faq=rich_faq(entry["fr"]["faq"]))
        service = command.get_or_create_child(
            categories[entry["category"]],
            ServicePage,
            entry["slug"],
            {**shared, **french},
        )
        english = dict(entry["en"], faq=rich_faq(entry["en"]["faq"]))
        department = entry["fr"]["owning_department"]
        english.setdefault(
            "owning_department", content.DEPARTMENTS_EN.get(department, department)
        )
        command.get_or_create_translation(service, {**shared, **english})
        # Demand counted for a service that exists is real: a demo count for
        # another day would add to it.
        if command.was_created(service):
            ServiceDemand.objects.get_or_create(
                service_key=service.translation_key,
                day=today - datetime.timedelta(days=DEMAND_DAYS_AGO),
                defaults={"count": entry["demand"]},
            )
    return catalogue


def seed_activity(context, types: dict) -> None:
    """A loan out, a request waiting for approval and a help request,
    created once."""
    User = get_user_model()
    editor = User.objects.filter(email="editeur@example.org").first()
    agent = User.objects.filter(email="agent2@example.org").first()
    today = timezone.localdate()
    if editor and not Reservation.objects.filter(user=editor).exists():
        headset = types["Casque audio"]
        Reservation.objects.create(
            equipment_type=headset,
            unit=headset.units.order_by("asset_tag").first(),
            user=editor,
            status="collected",
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=4),
            pickup_at=timezone.now() - datetime.timedelta(days=3),
            terms_accepted_at=timezone.now() - datetime.timedelta(days=4),
            collected_at=timezone.now() - datetime.timedelta(days=3),
            handover_condition="good",
        )
    if agent and not Reservation.objects.filter(user=agent).exists():
        seed_request(agent, types["Caméra 360°"], today)
    if agent and not HelpRequest.objects.filter(requester=agent).exists():
        HelpRequest.objects.create(
            requester=agent,
            kind="getting_started",
            description=(
                "Je voudrais apprendre à partager mon agenda avec mon équipe."
            ),
            walk_in=True,
        )


def seed_request(agent, camera: EquipmentType, today: datetime.date) -> None:
    """Create a camera loan waiting for the desk's approval. Its pick-up is
    a slot in the middle of the first opening day at least three days ahead,
    so that it stays in the future for a while after seeding."""
    day = today + datetime.timedelta(days=3)
    slot = None
    for _ in range(30):
        free = slots.get_day_slots(day)
        if free:
            slot = free[len(free) // 2]
            break
        day += datetime.timedelta(days=1)
    if slot is None:
        logger.warning(
            "demo: no pick-up slot open in the 30 days after %s, so agent %s "
            "gets no camera request",
            today,
            agent.pk,
        )
        return
    now = timezone.now()
    reservation = Reservation.objects.create(
        equipment_type=camera,
        user=agent,
        status="requested",
        start_date=day,
        end_date=day + datetime.timedelta(days=2),
        pickup_at=slot,
        terms_accepted_at=now,
        agent_note="Pour filmer le nouveau tiers-lieu avant son inauguration.",
    )
    ReservationEvent.objects.create(
        reservation=reservation, from_status="", to_status="requested", actor=agent
    )
