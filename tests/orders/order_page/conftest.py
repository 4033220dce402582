"""An order made as production makes it: placed, planned, split, routed to plants, and
moved along through the factory services the factory API calls."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from orders.models import Order, OutboxMessage
from production.models import WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from production.services.splits import work_order_split
from tests.factories import PlantFactory
from tests.orders.conftest import fill_cart, place


@dataclass
class MadeOrder:
    order: Order
    # Line 1 cut in two parts (2 + 1 pieces), line 2 whole (3 pieces).
    part_one: WorkOrder
    part_two: WorkOrder
    second_line: WorkOrder


def report(work_order: WorkOrder, *events: str, **shipped: object) -> None:
    """The plant that has ``work_order`` reports ``events`` (``shipped`` with ``shipped``'s
    carrier, tracking number and packages)."""
    work_order.refresh_from_db()
    for event in events:
        work_order_report(
            factory=work_order.factory,
            work_order_id=work_order.pk,
            actor=f"factory:{work_order.factory.code}",
            event=event,
            data=dict(shipped) if event == "shipped" else {},
        )


def accept(work_order: WorkOrder) -> None:
    work_order.refresh_from_db()
    work_order_accept(factory=work_order.factory, work_order_id=work_order.pk, actor="factory:erp")


@pytest.fixture
def made_order(tumbler, quiet_broker) -> MadeOrder:
    """Two lines of tumblers, paid; the first line split between two parts, everything
    offered to plants by the router and accepted."""
    PlantFactory(code="xa-engrave", city="Xi'an")
    order = place(fill_cart(tumbler, lines=2, quantity=3))
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    first_id, second_id = sorted(orders_plan(message_ids=[message.pk]))
    one, two = work_order_split(work_order_id=first_id, quantities=[2, 1], actor="router")
    work_orders_route(work_order_ids=[one.pk, two.pk, second_id])
    made = MadeOrder(order, one, two, WorkOrder.objects.get(pk=second_id))
    for work_order in (made.part_one, made.part_two, made.second_line):
        accept(work_order)
        report(work_order, "started")
    return made


def page_of(client, order: Order, language: str = "en") -> str:
    response = client.get(
        order.get_absolute_url(),
        {"token": order.tracking_token},
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def section(html: str, css_class: str) -> str:
    start = html.index(f'class="{css_class}')
    return html[start : html.index("</section>", start)]
