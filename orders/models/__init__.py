"""Models, one module per concept; re-exported here."""

from .api_token import CustomerApiToken
from .artwork import Artwork
from .cart import MAX_LINE_QUANTITY, Cart, CartLine
from .catalog import Product, SharedRule
from .claim import Claim, ClaimEvent, ClaimPhoto
from .claim_status import (
    CLAIM_MOVES,
    CLAIM_TRANSITIONS,
    ClaimEventCode,
    ClaimKind,
    ClaimReason,
    ClaimStatus,
)
from .configuration import Configuration
from .email import OrderEmail
from .order import Order, OrderEvent, OrderLine, OrderShipment
from .order_status import ORDER_TRANSITIONS, PROMISE_SETTLED, OrderEventCode, OrderStatus
from .outbox import OutboxMessage
from .payment import Payment, PaymentNotification
from .payment_intent import PaymentIntent
from .payment_intent_status import (
    PAYMENT_INTENT_TRANSITIONS,
    PaymentIntentKind,
    PaymentIntentStatus,
)
from .payment_status import PAYMENT_TRANSITIONS, PaymentStatus
from .service import CareReminder, ServiceTask, ServiceTaskEvent, Warranty
from .service_task_status import SERVICE_TASK_OPEN, SERVICE_TASK_TRANSITIONS, ServiceTaskStatus
from .shop_page import ShopPage

__all__ = [
    "CLAIM_MOVES",
    "CLAIM_TRANSITIONS",
    "MAX_LINE_QUANTITY",
    "ORDER_TRANSITIONS",
    "PAYMENT_INTENT_TRANSITIONS",
    "PAYMENT_TRANSITIONS",
    "PROMISE_SETTLED",
    "SERVICE_TASK_OPEN",
    "SERVICE_TASK_TRANSITIONS",
    "Artwork",
    "CareReminder",
    "Cart",
    "CartLine",
    "Claim",
    "ClaimEvent",
    "ClaimEventCode",
    "ClaimKind",
    "ClaimPhoto",
    "ClaimReason",
    "ClaimStatus",
    "Configuration",
    "CustomerApiToken",
    "Order",
    "OrderEmail",
    "OrderEvent",
    "OrderEventCode",
    "OrderLine",
    "OrderShipment",
    "OrderStatus",
    "OutboxMessage",
    "Payment",
    "PaymentIntent",
    "PaymentIntentKind",
    "PaymentIntentStatus",
    "PaymentNotification",
    "PaymentStatus",
    "Product",
    "ServiceTask",
    "ServiceTaskEvent",
    "ServiceTaskStatus",
    "SharedRule",
    "ShopPage",
    "Warranty",
]
