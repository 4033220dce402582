"""What the schemathesis tests share: real credentials and objects to aim the generated
requests at, signed payment notifications, and the 400s a schema cannot state.

Used by ``test_schema.py`` (every operation on its own) and ``test_schema_stateful.py``
(the operations chained along the schema's links)."""

import hashlib
import json
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from merchants.services.accounts import business_account_create, merchant_key_create
from merchants.services.bulk_orders import bulk_orders_upload
from merchants.services.merchant_orders import merchant_order_create
from merchants.services.quotes import LineInput, quote_create
from orders.selectors.artwork import ArtworkOwner
from orders.services.api_tokens import customer_token_create
from orders.services.artwork import artwork_upload
from orders.services.payments import sign
from tests.factories import demo_product
from tests.imaging import fixtures as fx
from tests.orders.conftest import ADDRESS, fill_cart, place

# What a request the schema calls valid may still meet: ids that name nothing, work in
# another state, If-Match of another version, an Idempotency-Key used with another body,
# a throttle.
ACCEPTED = ["2xx", "304", "404", "409", "412", "422", "429"]
WEBHOOK_SECRET_PROVIDER = "invoice"


@dataclass
class Credentials:
    factory_key: str
    work_order_id: int
    customer_token: str
    order_number: str
    artwork_id: str
    merchant_key: str = ""
    quote_id: str = ""
    merchant_order_id: str = ""
    bulk_upload_id: str = ""


def credentials_make(*, offered, factory_key: str) -> Credentials:
    """Real keys and objects made through the services, for the fuzzer to aim at."""
    customer = get_user_model().objects.create_user("fuzz", "fuzz@example.com", "pw-long-1")
    _, token = customer_token_create(customer=customer, name="fuzz")
    order = place(fill_cart(demo_product("TUMBLER-ENGRAVED"), customer_id=customer.pk))
    artwork, _ = artwork_upload(
        owner=ArtworkOwner(user_id=customer.pk), file=fx.encode(fx.photo((600, 800)), "PNG")
    )
    account = business_account_create(name="Fuzz Ltd", contact_email="buyer@example.com")
    _, merchant_key = merchant_key_create(account=account, name="fuzz")
    quote = quote_create(
        account=account,
        sandbox=False,
        lines=[LineInput("TUMBLER-ENGRAVED", {"finish": "brushed"}, 2)],
        ship_to=ADDRESS,
        shipping_method="standard",
    )
    draft = merchant_order_create(
        account=account, sandbox=False, reference="FUZZ-1", quote_id=quote.public_id
    )
    bulk = bulk_orders_upload(
        account=account,
        sandbox=False,
        file_name="orders.csv",
        content=b"reference,sku,quantity\nFUZZ-BULK,TUMBLER-ENGRAVED,1\n",
        mode="valid_rows_only",
        actor="test",
    )
    return Credentials(
        factory_key,
        offered.pk,
        token,
        order.number,
        artwork.public_id,
        merchant_key,
        quote.public_id,
        draft.public_id,
        bulk.public_id,
    )


MERCHANT_LINES: dict[str, set[str] | None] = {
    "invalid_lines": None,
    "artwork_fetch_failed": None,
    "invalid_address": None,
    "mixed_currencies": None,
    "quote_expired": {"quote_id"},
}

# 400s a schema-valid request may still get, for rules JSON Schema cannot state: per
# operation, the error ``code`` and the fields it names.
BEYOND_SCHEMA = {
    # Days within the 60 days from today, of work centres the factory has.
    ("PUT", "/api/factory/v1/capacity/"): {"invalid_capacity": None},
    # A URL Django's validator takes (labels of ≤ 63 characters, a host of ≤ 253).
    ("PUT", "/api/factory/v1/webhook/"): {"invalid": {"url"}},
    # Fields one event type requires: carrier and tracking number to ship, a reason for a
    # failed QC, a percent for progress. (Packages as flat objects of ≤ 20 scalar fields
    # could be stated, on EventInputSerializer.packages.)
    ("POST", "/api/factory/v1/work-orders/{id}/events/"): {
        "invalid": {"carrier", "tracking_number", "reason", "percent", "packages"}
    },
    # A cursor this API handed out, not just one of its alphabet.
    ("GET", "/api/factory/v1/work-orders/"): {"invalid_cursor": {"cursor"}},
    # What the image holds: a picture, large enough to print.
    ("POST", "/api/v1/artworks/"): {"*": {"file"}},
    # A product that has this print area.
    ("GET", "/api/v1/artworks/{public_id}/preflight/"): {"unknown_print_area": {"area"}},
    # The merchant API: what the catalog and the promise engine say of the lines and the
    # address, a public https host, a card the gateway takes.
    ("POST", "/api/merchant/v1/artworks/"): {"*": {"file"}},
    # What the file holds: a CSV or XLSX spreadsheet with the documented header (an empty
    # file is dropped by the multipart parser: "No file was submitted").
    ("POST", "/api/merchant/v1/bulk-orders/"): {"invalid_file": None, "invalid": {"file"}},
    ("PUT", "/api/merchant/v1/webhook/"): {"invalid_url": {"url"}, "invalid": {"url"}},
    ("POST", "/api/merchant/v1/quotes/"): MERCHANT_LINES,
    ("POST", "/api/merchant/v1/orders/"): MERCHANT_LINES
    | {"invalid": {"quote_id"}, "invalid_card": {"card_number"}, "undeliverable": None},
    # The capacity exchange: a work centre the plant runs, days of its calendar, a minimum
    # within the minutes; days and minutes the offer allows; a point with its radius.
    ("POST", "/api/factory/v1/exchange/offers/"): {"invalid_offer": None},
    # One day or a span: `day`, or `first_day` (with `last_day` on or after it).
    ("POST", "/api/merchant/v1/exchange/bookings/"): {
        "invalid_booking": None,
        "invalid": {"day", "last_day"},
    },
    ("GET", "/api/merchant/v1/exchange/offers/"): {"invalid": {"within_km"}},
    ("POST", "/api/merchant/v1/orders/{order_id}/confirm/"): {
        "invalid_card": {"card_number"},
        "undeliverable": None,
        "stale_configuration": None,
    },
}


def rule_beyond_schema(case, body: dict) -> bool:
    """True when a 400 refuses only what ``BEYOND_SCHEMA`` lists for the operation, or
    a NUL character in a JSON body (c2m.json_input refuses it in every string and key,
    which JSON Schema cannot say of each)."""
    if body.get("code") == "malformed_request" and "NUL" in body.get("detail", ""):
        return True
    rules = BEYOND_SCHEMA.get((case.method.upper(), case.operation.path), {})
    fields = rules.get(body.get("code"), rules.get("*", set()))
    return fields is None or (bool(body.get("errors")) and set(body["errors"]) <= fields)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]


def aim(case, credentials: Credentials, keep: Collection[str] = ()) -> None:
    """Authenticate the case as its API's client would, and aim its ids at real objects,
    except the path parameters named in ``keep`` (those a link filled in)."""
    path = case.path
    if path.startswith("/api/factory/v1/"):
        aim_at_factory_api(case, credentials, keep)
    elif path.startswith("/api/merchant/v1/"):
        aim_at_merchant_api(case, credentials, keep)
    elif path.startswith("/api/v1/payments/"):
        sign_notification(case)
    else:
        aim_at_consumer_api(case, credentials, keep)


def checks_for(case, response) -> list:
    """``CHECKS``, but a 400 for a rule ``BEYOND_SCHEMA`` lists is no refused valid request."""
    beyond_schema = response.status_code == 400 and rule_beyond_schema(case, response.json())
    return [c for c in CHECKS if not (beyond_schema and c is positive_data_acceptance)]


def half(value: object) -> bool:
    """Deterministically true for about half of the generated values."""
    return int(hashlib.sha256(repr(value).encode()).hexdigest(), 16) % 2 == 0


def aim_at_factory_api(case, credentials: Credentials, keep: Collection[str] = ()) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Api-Key {credentials.factory_key}"}
    # Half the generated ids point at a real work order of this factory, the rest miss.
    wo_id = (case.path_parameters or {}).get("id")
    if isinstance(wo_id, int) and not isinstance(wo_id, bool) and half(wo_id) and "id" not in keep:
        case.path_parameters["id"] = credentials.work_order_id


def aim_at_consumer_api(case, credentials: Credentials, keep: Collection[str] = ()) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Token {credentials.customer_token}"}
    params = case.path_parameters or {}
    for name, real in (("number", credentials.order_number), ("public_id", credentials.artwork_id)):
        if isinstance(params.get(name), str) and half(params[name]) and name not in keep:
            params[name] = real


def aim_at_merchant_api(case, credentials: Credentials, keep: Collection[str] = ()) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {credentials.merchant_key}"}
    params = case.path_parameters or {}
    for name, real in (
        ("quote_id", credentials.quote_id),
        ("order_id", credentials.merchant_order_id),
        ("upload_id", credentials.bulk_upload_id),
        ("sku", "TUMBLER-ENGRAVED"),
    ):
        if isinstance(params.get(name), str) and half(params[name]) and name not in keep:
            params[name] = real
    # Keys of the fuzzer's alphabet repeat ("0", "A") with other bodies: each case its own
    # key, unless the header is what is under test.
    negative_header = case._meta is not None and case._meta.is_negative_at(ParameterLocation.HEADER)
    if "Idempotency-Key" in (case.headers or {}) and not negative_header:
        case.headers["Idempotency-Key"] = uuid.uuid4().hex


def sign_notification(case) -> None:
    """Aim at a real provider; unless the headers are the negative part, sign the body as
    the provider would, so the fuzzer gets past the signature to the body's parsing."""
    if isinstance((case.path_parameters or {}).get("provider"), str):
        case.path_parameters["provider"] = WEBHOOK_SECRET_PROVIDER
    if case._meta is not None and case._meta.is_negative_at(ParameterLocation.HEADER):
        return
    event_id = f"evt_{uuid.uuid4().hex}"
    timestamp = str(int(time.time()))
    case.headers = {
        **(case.headers or {}),
        "C2M-Webhook-Id": event_id,
        "C2M-Webhook-Timestamp": timestamp,
        "C2M-Webhook-Signature": sign(
            secret=django_settings.PAYMENT_WEBHOOK_SECRETS[WEBHOOK_SECRET_PROVIDER],
            event_id=event_id,
            timestamp=timestamp,
            body=body_bytes(case),
        ),
    }


def body_bytes(case) -> bytes:
    """The body as it will be sent (``raw_body``), so its signature matches."""
    body = case.body
    if isinstance(body, NotSet):
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


def raw_body(case) -> dict[str, bytes]:
    """Send JSON bodies as the bytes ``body_bytes`` signed, not as schemathesis would."""
    if case.path.startswith("/api/v1/payments/") and not isinstance(case.body, NotSet):
        return {"data": body_bytes(case)}
    return {}
