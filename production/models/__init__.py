"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .factory import Capability, Factory, FactoryApiKey, FactoryStatus
from .recipe import Recipe
from .staff import FACTORY_STAFF_GROUP, OPERATORS_GROUP, FactoryMembership
from .work_order import (
    WORK_ORDER_TRANSITIONS,
    Shipment,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)

__all__ = [
    "FACTORY_STAFF_GROUP",
    "OPERATORS_GROUP",
    "WORK_ORDER_TRANSITIONS",
    "Capability",
    "CapacityDay",
    "CapacityReservation",
    "Factory",
    "FactoryApiKey",
    "FactoryMembership",
    "FactoryStatus",
    "Recipe",
    "Shipment",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
]
