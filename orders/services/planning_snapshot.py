"""An order line as production plans it: the snapshot ``order.paid`` and a claim's reprint
both carry (one shape, written once)."""

from __future__ import annotations

from typing import Any, TypedDict

from orders.models import Order, OrderLine
from orders.services.express import line_is_express
from orders.services.service_tasks import sold_services


class PlanningLine(TypedDict):
    line_id: int
    line_no: int
    product_sku: str
    product_name: str
    quantity: int
    configuration: dict[str, Any]
    configuration_summary: list[list[str]]
    configuration_hash: str
    artwork_preflight: dict[str, dict[str, Any]]
    # Services sold with the line that its plant performs (gift wrapping, assembly):
    # {"code", "label", "per_unit", "capability", "work_centre", "minutes"} each.
    plant_services: list[dict[str, Any]]
    # Express production was sold with the line: the plant makes it in its express lane,
    # due on ``due_date`` (the line's own promise, earlier than the order's standard one).
    express: bool
    due_date: str | None


def planning_line(line: OrderLine, *, quantity: int | None = None) -> PlanningLine:
    """The line's frozen snapshot; ``quantity`` overrides how many to make (a reprint)."""
    return PlanningLine(
        line_id=line.pk,
        line_no=line.line_no,
        product_sku=line.product_sku,
        product_name=line.product_name,
        quantity=line.quantity if quantity is None else quantity,
        configuration=line.configuration,
        configuration_summary=line.configuration_summary,
        configuration_hash=line.configuration_hash,
        artwork_preflight=line.preflight,
        plant_services=[s for s in sold_services(line, fulfilment="plant") if not s.get("express")],
        express=line_is_express(line.price_breakdown),
        due_date=line.express_date.isoformat() if line.express_date else None,
    )


def planning_delivery(order: Order) -> dict[str, Any]:
    """The shipping method sold and its transit as the promise counted it."""
    basis = order.promise_basis or {}
    if "handling_days" not in basis:
        return {"method": order.shipping_method} if order.shipping_method else {}
    return {
        "method": basis.get("method", order.shipping_method),
        "handling_days": basis["handling_days"],
        "ship_speed": basis["ship_speed"],
    }
