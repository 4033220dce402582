"""Issue #18's acceptance: a merchant client written only from the published OpenAPI schema
can, in the sandbox, read the catalog, quote, place an order with artwork by URL, receive
signed webhooks as it is accepted, shipped and delivered, and an operator sees the same
order in the admin.

``SchemaClient`` knows no URL of ours: it finds operations by ``operationId``, fills the
schema's path templates, sends the headers the schema documents (bearer key,
``Idempotency-Key``) and checks every request and response body against the schema."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from jsonschema import Draft202012Validator
from standardwebhooks.webhooks import Webhook

from merchants.services.webhooks import webhook_deliver, webhook_deliveries_due
from tests.factories import demo_product
from tests.merchants.conftest import SHIP_TO, merchant
from tests.merchants.https_server import HttpsServer, Route
from tests.merchants.test_artwork_urls import run_fetches
from tests.merchants.test_isolation import png
from tests.merchants.test_webhooks import Receiver

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "patch", "delete"}


def openapi_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects as JSON Schema: ``nullable: true`` also admits null."""
    if isinstance(node, list):
        return [openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: openapi_to_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


class SchemaClient:
    """A merchant's HTTP client built from the OpenAPI document alone."""

    def __init__(self, http: Client, schema: dict, api_key: str) -> None:
        self.http, self.api_key = http, api_key
        self.components = openapi_to_json_schema(schema["components"])
        self.security_schemes = schema["components"]["securitySchemes"]
        self.operations = {
            operation["operationId"]: (method, path, operation)
            for path, item in schema["paths"].items()
            for method, operation in item.items()
            if method in METHODS
        }

    def validate(self, instance: Any, schema: dict) -> None:
        # "#/components/schemas/..." resolves against the root: carry the components along.
        root = {**openapi_to_json_schema(schema), "components": self.components}
        Draft202012Validator(root).validate(instance)

    def call(
        self, operation_id: str, body: Any = None, *, headers: dict[str, str] | None = None, **path
    ) -> tuple[int, Any, dict[str, str]]:
        """Send the operation; return (status, JSON body, response headers) once the body
        is checked against the schema's response for that (documented) status."""
        method, template, operation = self.operations[operation_id]
        url = re.sub(r"\{(\w+)\}", lambda m: quote(str(path.pop(m[1])), safe=""), template)
        assert not path, f"{operation_id} has no path parameters {sorted(path)}"

        sent = dict(headers or {})
        for [scheme_name] in operation.get("security", []):
            scheme = self.security_schemes[scheme_name]
            assert (scheme["type"], scheme.get("scheme")) == ("http", "bearer"), scheme
            sent["Authorization"] = f"Bearer {self.api_key}"
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header" and parameter.get("required"):
                if parameter["name"] == "Idempotency-Key":  # one per intended action
                    sent.setdefault("Idempotency-Key", uuid.uuid4().hex)
                self.validate(sent[parameter["name"]], parameter["schema"])

        request_body = operation.get("requestBody")
        if request_body is not None:
            self.validate(body, request_body["content"]["application/json"]["schema"])
        response = self.http.generic(
            method.upper(),
            url,
            data=b"" if body is None else json.dumps(body),
            content_type="application/json",
            headers=sent,
        )

        documented = operation["responses"].get(str(response.status_code))
        assert documented, f"{operation_id} answered undocumented {response.status_code}"
        data = response.json()
        self.validate(data, documented["content"]["application/json"]["schema"])
        return response.status_code, data, dict(response.headers)


@pytest.fixture
def api_schema(client) -> dict:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def receiver(settings):
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on loopback
    server = Receiver()
    yield server
    server.server.shutdown()


@pytest.fixture
def logo_url(https_server: HttpsServer, settings) -> str:
    settings.ARTWORK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the local HTTPS server
    https_server.routes["/logo.png"] = Route(200, {"Content-Type": "image/png"}, png())
    return https_server.url("/logo.png", host="127.0.0.1")


def line_for(product: dict, artwork_url: str) -> dict:
    """One of ``product``, as its catalog entry describes it: every required option at its
    default (else its first value), its required artwork (else its first) by URL."""
    options: dict[str, Any] = {}
    for option in product["options"]:
        if option["kind"] == "artwork":
            if option.get("required") or option["code"] == artwork_option(product):
                options[option["code"]] = {"artwork_url": artwork_url}
        elif option.get("required"):
            options[option["code"]] = option.get("default", option["values"][0]["code"])
    return {"sku": product["sku"], "options": options, "quantity": product["quantity"]["min"]}


def test_a_client_built_from_the_schema_alone_orders_in_the_sandbox_and_hears_every_step(
    api_schema, sandbox, receiver, logo_url, https_server, django_user_model
):
    demo_product("TEE-PRINT")  # the catalog's product with artwork options
    shop = SchemaClient(Client(), api_schema, sandbox.key)

    status, endpoint, _ = shop.call("merchant_webhook_set", {"url": receiver.url})
    assert status == 200 and endpoint["secret"].startswith("whsec_")

    status, catalog, _ = shop.call("merchant_products_list")
    product = next(
        p for p in catalog["results"] if any(o["kind"] == "artwork" for o in p["options"])
    )
    request = {
        "lines": [line_for(product, logo_url)],
        "ship_to": SHIP_TO,
        "shipping_method": "standard",
    }

    status, waiting, _ = shop.call("merchant_quotes_create", request)
    assert (status, waiting["code"]) == (409, "artwork_pending")
    assert run_fetches(https_server) == ["fetched"]  # what the worker does
    status, quote, _ = shop.call("merchant_quotes_create", request)
    assert status == 201 and quote["sandbox"] is True and quote["total"]

    place = {"reference": "SCHEMA-1", "quote_id": quote["id"]}
    status, draft, _ = shop.call(
        "merchant_orders_create", place, headers={"Idempotency-Key": "place-SCHEMA-1"}
    )
    assert status == 201 and draft["status"] == "draft", draft
    assert draft["total"] == quote["total"]
    status, replayed, replay_headers = shop.call(
        "merchant_orders_create", place, headers={"Idempotency-Key": "place-SCHEMA-1"}
    )
    assert (status, replayed["id"]) == (201, draft["id"])
    assert replay_headers["Idempotent-Replayed"] == "true"
    status, confirmed, _ = shop.call(
        "merchant_orders_confirm",
        {},
        headers={"Idempotency-Key": "confirm-SCHEMA-1"},
        order_id=draft["id"],
    )
    assert status == 200 and confirmed["status"] == "confirmed"

    steps = [shop.call("merchant_orders_simulate", order_id=draft["id"]) for _ in range(3)]
    assert [body["status"] for _, body, _ in steps] == ["in_production", "shipped", "delivered"]
    status, delivered, _ = shop.call("merchant_orders_retrieve", order_id=draft["id"])
    assert delivered["status"] == "delivered" and delivered["parcels"][0]["tracking_number"]
    assert "artwork_id" in delivered["items"][0]["options"][artwork_option(product)]

    for delivery_id in webhook_deliveries_due():  # what the worker does
        assert webhook_deliver(delivery_id=delivery_id) == "delivered"
    events = [
        Webhook(endpoint["secret"]).verify(body, headers) for headers, body in receiver.received
    ]
    assert [(e["type"], e["data"]["order_id"]) for e in events] == [
        ("order.accepted", draft["id"]),
        ("order.shipped", draft["id"]),
        ("order.delivered", draft["id"]),
    ]

    other = SchemaClient(Client(), api_schema, merchant("Globex", sandbox=True).key)
    status, refused, _ = other.call("merchant_orders_retrieve", order_id=draft["id"])
    assert (status, refused["code"]) == (404, "order_not_found"), refused

    operator = django_user_model.objects.create_user(
        "olga", "olga@c2m.example", "pw-123456", is_staff=True
    )
    operator.groups.add(Group.objects.get_or_create(name="Operators")[0])
    admin = Client()
    signed_in = admin.post(
        "/admin/login/?next=/admin/", {"username": "olga", "password": "pw-123456"}
    )
    assert signed_in.status_code == 302, signed_in.content.decode()[:500]
    found = admin.get("/admin/merchants/merchantorder/", {"q": draft["id"]}).content.decode()
    [change_url] = set(re.findall(r'href="(/admin/merchants/merchantorder/\d+/change/)', found))
    page = admin.get(change_url)
    assert page.status_code == 200
    assert "SCHEMA-1" in page.content.decode() and draft["id"] in page.content.decode()


def artwork_option(product: dict) -> str:
    return next(o["code"] for o in product["options"] if o["kind"] == "artwork")
