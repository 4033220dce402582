"""Reliability property 23: reports from the plants of a split order, late, repeated or out
of order, never move the order backwards (the order side's "never downgrade" guard)."""

from __future__ import annotations

import pytest

from orders.models import Order, OutboxMessage
from orders.services.configurations import configuration_create
from orders.services.lifecycle import order_mark_delivered
from orders.services.orders import LineRequest, order_place
from production.models import WorkOrder
from production.services.delivery import shipment_delivered
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import SHIP_TO, PlantFactory, demo_product

pytestmark = pytest.mark.django_db

WOOD = ("cnc_cut", "assemble", "finish", "qc", "pack")


def _split_order() -> tuple[Order, WorkOrder, WorkOrder]:
    """A tumbler and a table in one order: the engraver makes one, the wood shop the other."""
    engraver = PlantFactory(code="engraver")
    wood_shop = PlantFactory(code="wood-shop", capabilities=WOOD, minutes_per_day=2000)
    lines = []
    for sku, options in (
        ("TUMBLER-ENGRAVED", {"finish": "brushed"}),
        ("TABLE-SOLID", {"width": "180", "depth": "90", "wood": "walnut", "top": "solid"}),
    ):
        product = demo_product(sku)
        configuration, quantity = configuration_create(
            product=product, raw={"quantity": 1, "options": options}
        )
        lines.append(LineRequest(product, configuration, quantity))
    order = order_place(lines=lines, email="li.wei@example.com", ship_to=SHIP_TO, actor="c")
    created = orders_plan(message_ids=list(OutboxMessage.objects.values_list("pk", flat=True)))
    work_orders_route(work_order_ids=created)
    tumbler = WorkOrder.objects.get(order_id=order.pk, product_sku="TUMBLER-ENGRAVED")
    table = WorkOrder.objects.get(order_id=order.pk, product_sku="TABLE-SOLID")
    assert (tumbler.factory_id, table.factory_id) == (engraver.pk, wood_shop.pk)
    return order, tumbler, table


def _report(work_order: WorkOrder, event: str, **data) -> None:
    work_order_report(
        factory=work_order.factory,
        work_order_id=work_order.pk,
        actor="plant",
        event=event,
        data=data,
    )


def _status(order: Order) -> str:
    return Order.objects.get(pk=order.pk).status


def test_late_and_out_of_order_reports_from_two_plants_never_move_the_order_back():
    order, tumbler, table = _split_order()

    # The wood shop starts first; then the engraver makes, checks and ships its part
    work_order_accept(factory=table.factory, work_order_id=table.pk, actor="plant")
    _report(table, "started")
    assert _status(order) == "in_production"
    work_order_accept(factory=tumbler.factory, work_order_id=tumbler.pk, actor="plant")
    for event in ("started", "qc_passed"):
        _report(tumbler, event)
    _report(tumbler, "shipped", carrier="SF Express", tracking_number="SF100")
    assert _status(order) == "partially_shipped"

    # The wood shop's table fails QC and is made again: the order stays partly shipped
    _report(table, "qc_failed", reason="finish scratched")
    _report(table, "rework")
    assert _status(order) == "partially_shipped"
    _report(table, "qc_passed")
    _report(table, "shipped", carrier="JD Logistics", tracking_number="JD200")
    assert _status(order) == "shipped"

    # An operator marks the order delivered on the customer's word, before the carriers
    order_mark_delivered(order_id=order.pk, actor="operator")
    # Then the carriers' reports arrive, one parcel at a time and one of them twice
    shipment_delivered(work_order_id=tumbler.pk, tracking_number="SF100", actor="carrier")
    assert _status(order) == "delivered"
    shipment_delivered(work_order_id=tumbler.pk, tracking_number="SF100", actor="carrier")
    shipment_delivered(work_order_id=table.pk, tracking_number="JD200", actor="carrier")

    assert _status(order) == "delivered"
    codes = list(Order.objects.get(pk=order.pk).events.values_list("to_status", flat=True))
    statuses = [code for code in codes if code]
    assert statuses == sorted(set(statuses), key=statuses.index), "no status entered twice"
