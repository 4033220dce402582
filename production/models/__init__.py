"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .exceptions import ProductionException, ProductionExceptionKind
from .factory import Capability, Factory, FactoryApiKey, FactoryStatus
from .recipe import Recipe
from .work_order import (
    WORK_ORDER_TRANSITIONS,
    Shipment,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)

__all__ = [
    "WORK_ORDER_TRANSITIONS",
    "Capability",
    "CapacityDay",
    "CapacityReservation",
    "Factory",
    "FactoryApiKey",
    "FactoryStatus",
    "ProductionException",
    "ProductionExceptionKind",
    "Recipe",
    "Shipment",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
]
