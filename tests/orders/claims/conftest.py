"""A delivered order, made as production makes it, for claims to be filed against."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from orders.models import Order, OutboxMessage
from production.models import Factory, WorkOrder
from production.services.claims import claims_record
from production.services.delivery import shipment_delivered
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory
from tests.imaging import fixtures as fx
from tests.orders.conftest import fill_cart, place


@dataclass
class Delivered:
    order: Order
    work_order: WorkOrder
    plant: Factory


def make_through(work_order_id: int, plant: Factory, tracking: str = "SF100200300") -> None:
    """The plant accepts, makes, checks, ships and delivers the work order."""
    common = {"factory": plant, "work_order_id": work_order_id, "actor": f"factory:{plant.code}"}
    work_order_accept(**common)
    work_order_report(**common, event="started", data={})
    work_order_report(**common, event="qc_passed", data={})
    parcel = {"carrier": "SF Express", "tracking_number": tracking}
    work_order_report(**common, event="shipped", data=parcel)
    shipment_delivered(work_order_id=work_order_id, tracking_number=tracking, actor="carrier")


def delivered_order(tumbler, customer_id: int | None = None, quantity: int = 3) -> Delivered:
    order = place(fill_cart(tumbler, quantity=quantity, customer_id=customer_id))
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=[work_order_id])
    work_order = WorkOrder.objects.select_related("factory").get(pk=work_order_id)
    make_through(work_order_id, work_order.factory)
    order.refresh_from_db()
    assert order.status == "delivered"
    return Delivered(order, work_order, work_order.factory)


def production_hears() -> list[int]:
    """Production's consumer takes every open claim message (as the relay would send)."""
    ids = list(
        OutboxMessage.objects.filter(
            topic__startswith="claim.", processed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    return claims_record(message_ids=ids)


def photo(size=(800, 600), name="broken.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, fx.encode(fx.photo(size, "RGB"), "JPEG"), "image/jpeg")


@pytest.fixture
def delivered(tumbler, quiet_broker) -> Delivered:
    return delivered_order(tumbler)


@pytest.fixture
def second_plant(delivered) -> Factory:
    """Another plant that can make tumblers, added after the first order was routed."""
    return PlantFactory(code="hz-engrave", city="Hangzhou", latitude=30.27, longitude=120.15)


@pytest.fixture
def mei(db):
    return get_user_model().objects.create_user("mei", "mei@example.com", "pw-long-enough-1")


@pytest.fixture
def bo(db):
    return get_user_model().objects.create_user("bo", "bo@example.com", "pw-long-enough-2")
