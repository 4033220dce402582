from .account import BusinessAccount, BusinessMember, ContractPrice, MerchantApiKey, PaymentTerms
from .application import (
    BusinessApplication,
    BusinessApplicationEmail,
    BusinessApplicationEvent,
    ExpectedVolume,
)
from .artwork_fetch import ARTWORK_FETCH_TRANSITIONS, ArtworkFetch, ArtworkFetchStatus
from .bulk import BulkMode, BulkOrderUpload
from .merchant_order import (
    MerchantIdempotencyRecord,
    MerchantOrder,
    MerchantOrderEvent,
    MerchantQuote,
)
from .merchant_order_status import (
    MERCHANT_ORDER_TRANSITIONS,
    PROGRESS,
    WEBHOOK_TYPES,
    MerchantOrderStatus,
)
from .webhook_status import DELIVERY_TRANSITIONS, DeliveryStatus
from .webhooks import WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "ARTWORK_FETCH_TRANSITIONS",
    "DELIVERY_TRANSITIONS",
    "MERCHANT_ORDER_TRANSITIONS",
    "PROGRESS",
    "WEBHOOK_TYPES",
    "ArtworkFetch",
    "ArtworkFetchStatus",
    "BulkMode",
    "BulkOrderUpload",
    "BusinessAccount",
    "BusinessApplication",
    "BusinessApplicationEmail",
    "BusinessApplicationEvent",
    "BusinessMember",
    "ContractPrice",
    "DeliveryStatus",
    "ExpectedVolume",
    "MerchantApiKey",
    "MerchantIdempotencyRecord",
    "MerchantOrder",
    "MerchantOrderEvent",
    "MerchantOrderStatus",
    "MerchantQuote",
    "PaymentTerms",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
