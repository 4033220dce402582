"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .factory import Capability, Factory, FactoryApiKey, FactoryStatus
from .files import ProductionFile
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
    "ProductionFile",
    "Recipe",
    "Shipment",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
]
