"""Demo content of the Smart Store, called by ``manage.py seed_demo``.

Creates the opening hours, the slot settings, equipment with units, the
service catalogue under the Smart Store space page (French, with English
translations), demand counts for the "most requested" order, and a few
reservations and help requests so that the desk is not empty. Idempotent:
every record is found again by a stable key.
"""

import datetime
import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from . import demo_content as content
from .models import (
    Closure,
    EquipmentType,
    EquipmentUnit,
    HelpRequest,
    OpeningHours,
    Reservation,
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
    seed_schedule()
    types = seed_equipment(context)
    catalogue = seed_catalogue(context, types)
    seed_activity(context, types)
    logger.info("store demo seeded under catalogue page %s", catalogue.pk)


def seed_schedule() -> None:
    for weekday in range(5):
        for opens_at, closes_at in OPENING_PERIODS:
            OpeningHours.objects.get_or_create(
                weekday=weekday, opens_at=opens_at, closes_at=closes_at
            )
    store_settings = StoreSettings.load()
    store_settings.slot_minutes = 30
    store_settings.slot_capacity = 3
    store_settings.loan_terms = content.LOAN_TERMS["fr"]
    store_settings.loan_terms_en = content.LOAN_TERMS["en"]
    store_settings.save()
    christmas = datetime.date(timezone.localdate().year, 12, 25)
    Closure.objects.get_or_create(
        start_date=christmas, end_date=christmas, defaults={"reason": "Noël"}
    )


def seed_equipment(context) -> dict[str, EquipmentType]:
    types = {}
    for entry in content.EQUIPMENT:
        photo = context.command.get_image(entry["name"], entry["colour"])
        equipment_type, _created = EquipmentType.objects.update_or_create(
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
            EquipmentUnit.objects.update_or_create(
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
    catalogue = command.upsert_child(
        store_space,
        ServiceCatalogPage,
        content.CATALOGUE["slug"],
        content.CATALOGUE["fr"],
    )
    command.upsert_translation(catalogue, content.CATALOGUE["en"])
    categories = {}
    for entry in content.CATEGORIES:
        category = command.upsert_child(
            catalogue, ServiceCategoryPage, entry["slug"], entry["fr"]
        )
        command.upsert_translation(category, entry["en"])
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
        service = command.upsert_child(
            categories[entry["category"]],
            ServicePage,
            entry["slug"],
            {**shared, **french},
        )
        english = dict(entry["en"], faq=rich_faq(entry["en"]["faq"]))
        command.upsert_translation(service, {**shared, **english})
        ServiceDemand.objects.update_or_create(
            service_key=service.translation_key,
            day=today - datetime.timedelta(days=DEMAND_DAYS_AGO),
            defaults={"count": entry["demand"]},
        )
    return catalogue


def seed_activity(context, types: dict) -> None:
    """A loan out, a future reservation and a help request, created once."""
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
    if agent and not HelpRequest.objects.filter(requester=agent).exists():
        HelpRequest.objects.create(
            requester=agent,
            kind="getting_started",
            description=(
                "Je voudrais apprendre à partager mon agenda avec mon équipe."
            ),
            walk_in=True,
        )
