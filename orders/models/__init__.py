"""Models, one module per concept; re-exported here."""

from .artwork import Artwork
from .catalog import Product, SharedRule
from .configuration import Configuration
from .order import (
    ORDER_TRANSITIONS,
    Order,
    OrderEvent,
    OrderLine,
    OrderShipment,
    OrderStatus,
)
from .outbox import OutboxMessage

__all__ = [
    "ORDER_TRANSITIONS",
    "Artwork",
    "Configuration",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderShipment",
    "OrderStatus",
    "OutboxMessage",
    "Product",
    "SharedRule",
]
