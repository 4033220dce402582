"""Models, one module per concept; re-exported here."""

from .capacity import CapacityDay, CapacityReservation, WorkCentre
from .carbon import EmissionFactor, EmissionFactorKind
from .claims import PlantClaim
from .counter_offer import CounterOffer
from .exceptions import ProductionException, ProductionExceptionKind
from .exchange import CapacityBooking, CapacityBookingEvent, CapacityOffer
from .exchange_status import (
    CAPACITY_BOOKING_TRANSITIONS,
    HOLDS_CAPACITY,
    CapacityBookingStatus,
)
from .factory import Capability, Factory, FactoryApiKey
from .factory_status import FACTORY_TRANSITIONS, FactoryStatus
from .feed import FactoryFeedEntry, FactoryFeedHead
from .files import ProductionFile
from .idempotency import IdempotencyRecord
from .network import CapacityClosure, ClosureKind, FactoryMaterial
from .parcel_status import PARCEL_PROGRESS, ParcelStatus
from .plant_application import PlantApplication, PlantApplicationEmail, PlantApplicationEvent
from .recipe import Recipe
from .routing import RoutingDecision, RoutingOutcome
from .settlement import SettlementEntry, SettlementKind
from .staff import FACTORY_STAFF_GROUP, OPERATORS_GROUP, FactoryMembership
from .webhook_status import DELIVERY_TRANSITIONS, DeliveryStatus
from .webhooks import FactoryWebhook, WebhookDelivery
from .work_order import AddressReveal, Shipment, WorkOrder, WorkOrderEvent
from .work_order_status import (
    ADDRESS_VISIBLE,
    FACTORY_EVENTS,
    WORK_ORDER_MOVES,
    WORK_ORDER_TRANSITIONS,
    WorkOrderEventType,
    WorkOrderStatus,
    work_order_moves,
)

__all__ = [
    "ADDRESS_VISIBLE",
    "CAPACITY_BOOKING_TRANSITIONS",
    "DELIVERY_TRANSITIONS",
    "FACTORY_EVENTS",
    "FACTORY_STAFF_GROUP",
    "FACTORY_TRANSITIONS",
    "HOLDS_CAPACITY",
    "OPERATORS_GROUP",
    "PARCEL_PROGRESS",
    "WORK_ORDER_MOVES",
    "WORK_ORDER_TRANSITIONS",
    "AddressReveal",
    "Capability",
    "CapacityBooking",
    "CapacityBookingEvent",
    "CapacityBookingStatus",
    "CapacityClosure",
    "CapacityDay",
    "CapacityOffer",
    "CapacityReservation",
    "ClosureKind",
    "CounterOffer",
    "DeliveryStatus",
    "EmissionFactor",
    "EmissionFactorKind",
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
    "PlantApplication",
    "PlantApplicationEmail",
    "PlantApplicationEvent",
    "PlantClaim",
    "ProductionException",
    "ProductionExceptionKind",
    "ProductionFile",
    "Recipe",
    "RoutingDecision",
    "RoutingOutcome",
    "SettlementEntry",
    "SettlementKind",
    "Shipment",
    "WebhookDelivery",
    "WorkCentre",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderEventType",
    "WorkOrderStatus",
    "work_order_moves",
]
