"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .factory import Capability, Factory, FactoryApiKey, FactoryStatus
from .network import CapacityClosure, ClosureKind, FactoryMaterial
from .recipe import Recipe
from .routing import RoutingDecision, RoutingOutcome
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
    "CapacityClosure",
    "CapacityDay",
    "CapacityReservation",
    "ClosureKind",
    "Factory",
    "FactoryApiKey",
    "FactoryMaterial",
    "FactoryStatus",
    "Recipe",
    "RoutingDecision",
    "RoutingOutcome",
    "Shipment",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
]
