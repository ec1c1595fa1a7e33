"""Catalogue queries: search, filters, "most requested" order, demand counts."""

import datetime
import logging

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.models import Locale

from cms.query import parse_id

from .models import ServiceCategoryPage, ServiceDemand, ServicePage
from .models.catalogue import ServiceAction, ServiceAudience

logger = logging.getLogger(__name__)

# "Most requested" counts the actions taken over this many past days.
DEMAND_WINDOW_DAYS = 365
ORDERS = ("title", "popular")
SEARCH_MAX_LENGTH = 200


# How long one person's (or one address's) use of a service's action counts
# once: a person who clicks the same link again, or reloads it, shows no
# more demand than once.
DEMAND_WINDOW_SECONDS = 24 * 60 * 60


def count_demand_once(service_key, visitor: str) -> bool:
    """Count the service's demand unless ``visitor`` was counted for it in the
    last day; return whether it counted.

    ``visitor`` is ``cms.ratelimit.client_key``: the account, or the client
    address for people not signed in.
    """
    key = f"store:demand:{service_key}:{visitor}"
    if not cache.add(key, 1, DEMAND_WINDOW_SECONDS):
        return False
    count_demand(service_key)
    return True


def count_demand(service_key, day: datetime.date | None = None) -> None:
    """Add one to the service's demand count for ``day`` (today by default)."""
    day = day or timezone.localdate()
    updated = ServiceDemand.objects.filter(service_key=service_key, day=day).update(
        count=F("count") + 1
    )
    if updated:
        return
    try:
        with transaction.atomic():
            ServiceDemand.objects.create(service_key=service_key, day=day, count=1)
    except IntegrityError:
        # Another request created the row first: count on it.
        ServiceDemand.objects.filter(service_key=service_key, day=day).update(
            count=F("count") + 1
        )


def get_demand_counts(service_keys) -> dict:
    since = timezone.localdate() - datetime.timedelta(days=DEMAND_WINDOW_DAYS)
    rows = (
        ServiceDemand.objects.filter(service_key__in=service_keys, day__gte=since)
        .values("service_key")
        .annotate(total=Sum("count"))
    )
    return {row["service_key"]: row["total"] for row in rows}


def read_filters(params) -> dict:
    """Return the valid filters of a query string; unknown values are dropped."""
    category = params.get("categorie", "")
    return {
        "q": params.get("q", "").strip()[:SEARCH_MAX_LENGTH],
        "category": parse_id(category),
        "audience": params.get("public", "")
        if params.get("public", "") in ServiceAudience.values
        else "",
        "action": params.get("action", "")
        if params.get("action", "") in ServiceAction.values
        else "",
        "order": params.get("tri", "") if params.get("tri", "") in ORDERS else "title",
    }


def find_services(catalogue, filters: dict) -> list[ServicePage]:
    """Return the live services under ``catalogue`` that match the filters."""
    services = (
        ServicePage.objects.live()
        .public()
        .descendant_of(catalogue)
        .filter(locale=catalogue.locale)
    )
    if filters["category"]:
        services = services.filter(path__startswith=_category_path(filters["category"]))
    if filters["audience"]:
        services = services.filter(audience=filters["audience"])
    if filters["action"]:
        services = services.filter(action=filters["action"])
    if filters["q"]:
        results = services.search(filters["q"], operator="and")
        services = list(results)
    else:
        services = list(services.order_by("title"))
    counts = get_demand_counts([service.translation_key for service in services])
    for service in services:
        service.demand = counts.get(service.translation_key, 0)
    if filters["order"] == "popular":
        services.sort(key=lambda service: (-service.demand, service.title))
    elif filters["q"]:
        # Search results keep their relevance order.
        pass
    return services


def _category_path(category_id: int) -> str:
    category = ServiceCategoryPage.objects.filter(pk=category_id).first()
    # An unknown category matches nothing rather than everything.
    return category.path if category else "no-such-path"


def get_catalogue_context(request, catalogue) -> dict:
    filters = read_filters(request.GET)
    categories = (
        ServiceCategoryPage.objects.live()
        .public()
        .child_of(catalogue)
        .order_by("title")
    )
    from .permissions import can_use_agent_services, is_store_staff

    return {
        "is_store_staff": is_store_staff(request.user),
        "can_use_agent_services": can_use_agent_services(request.user),
        "filters": filters,
        "categories": categories,
        "services": find_services(catalogue, filters),
        "audience_choices": ServiceAudience.choices,
        "action_choices": ServiceAction.choices,
        "is_filtered": bool(
            filters["q"]
            or filters["category"]
            or filters["audience"]
            or filters["action"]
        ),
    }


def get_active_locale_id():
    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return None
