"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .exceptions import ProductionException, ProductionExceptionKind
from .factory import Capability, Factory, FactoryApiKey, FactoryStatus
from .feed import FactoryFeedEntry, FactoryFeedHead
from .files import ProductionFile
from .idempotency import IdempotencyRecord
from .network import CapacityClosure, ClosureKind, FactoryMaterial
from .recipe import Recipe
from .routing import RoutingDecision, RoutingOutcome
from .staff import FACTORY_STAFF_GROUP, OPERATORS_GROUP, FactoryMembership
from .webhooks import DeliveryStatus, FactoryWebhook, WebhookDelivery
from .work_order import (
    ADDRESS_VISIBLE,
    FACTORY_EVENTS,
    PARCEL_PROGRESS,
    WORK_ORDER_MOVES,
    WORK_ORDER_TRANSITIONS,
    AddressReveal,
    ParcelStatus,
    Shipment,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
    work_order_moves,
)

__all__ = [
    "ADDRESS_VISIBLE",
    "FACTORY_EVENTS",
    "FACTORY_STAFF_GROUP",
    "OPERATORS_GROUP",
    "PARCEL_PROGRESS",
    "WORK_ORDER_MOVES",
    "WORK_ORDER_TRANSITIONS",
    "AddressReveal",
    "Capability",
    "CapacityClosure",
    "CapacityDay",
    "CapacityReservation",
    "ClosureKind",
    "DeliveryStatus",
    "Factory",
    "FactoryApiKey",
    "FactoryFeedEntry",
    "FactoryFeedHead",
    "FactoryMaterial",
    "FactoryMembership",
    "FactoryStatus",
    "FactoryWebhook",
    "IdempotencyRecord",
    "ParcelStatus",
    "ProductionException",
    "ProductionExceptionKind",
    "ProductionFile",
    "Recipe",
    "RoutingDecision",
    "RoutingOutcome",
    "Shipment",
    "WebhookDelivery",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
    "work_order_moves",
]
