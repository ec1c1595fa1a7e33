"""Models of the Smart Store, split by concept."""

from .catalogue import (
    ServiceCatalogPage,
    ServiceCategoryPage,
    ServiceDemand,
    ServicePage,
)
from .equipment import EquipmentType, EquipmentUnit, UnitState
from .help import (
    HelpKind,
    HelpMessage,
    HelpRequest,
    HelpRequestEvent,
    HelpStatus,
)
from .reservations import (
    HOLDING_STATUSES,
    OPEN_STATUSES,
    Reservation,
    ReservationEvent,
    ReservationStatus,
    UnitCondition,
)
from .schedule import Closure, OpeningHours, StoreSettings, Weekday
from .visits import DeskVisit

__all__ = [
    "HOLDING_STATUSES",
    "OPEN_STATUSES",
    "Closure",
    "DeskVisit",
    "EquipmentType",
    "EquipmentUnit",
    "HelpKind",
    "HelpMessage",
    "HelpRequest",
    "HelpRequestEvent",
    "HelpStatus",
    "OpeningHours",
    "Reservation",
    "ReservationEvent",
    "ReservationStatus",
    "ServiceCatalogPage",
    "ServiceCategoryPage",
    "ServiceDemand",
    "ServicePage",
    "StoreSettings",
    "UnitCondition",
    "UnitState",
    "Weekday",
]
