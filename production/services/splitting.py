"""Dividing one work order's quantity between plants, as parts of the same order line.

Routing splits only when no single plant can make the whole quantity by the due date.
Parts share the order and order line, so the customer's timeline and order status still
follow all of them together; ``(order_line_id, part)`` is unique.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from c2m.db import lock_one
from c2m.errors import Conflict, Unprocessable
from production.models import WorkOrder, WorkOrderEvent, WorkOrderStatus

SPLITTABLE = (WorkOrderStatus.PENDING, WorkOrderStatus.UNROUTABLE)


def work_order_split_for_routing(
    *, work_order_id: int, quantities: Sequence[int], actor: str
) -> list[WorkOrder]:
    """Split through planning's ``work_order_split`` when it exists, else this module's."""
    from production.services import planning

    split = getattr(planning, "work_order_split", None) or work_order_split
    return list(split(work_order_id=work_order_id, quantities=quantities, actor=actor))


def work_order_split(
    *, work_order_id: int, quantities: Sequence[int], actor: str
) -> list[WorkOrder]:
    """Cut a pending work order into parts of these quantities; return them, first = itself.

    The work order keeps its number and the first quantity; the others become new parts
    (next free part numbers of the line) with the same snapshot, due date and address.
    The snapshot records ``line_quantity`` so minutes and materials scale per part.
    Raises ``Conflict`` unless pending or unroutable, ``Unprocessable`` when the
    quantities are not at least two positive numbers adding up to its quantity.
    """
    with transaction.atomic():
        work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        if work_order.status not in SPLITTABLE:
            raise Conflict(f"A work order that is {work_order.status} cannot be split.")
        if (
            len(quantities) < 2
            or any(q < 1 for q in quantities)
            or sum(quantities) != work_order.quantity
        ):
            raise Unprocessable(
                f"Parts must be two or more positive quantities adding up to "
                f"{work_order.quantity}.",
                code="invalid_split",
            )
        snapshot = {
            **work_order.snapshot,
            "line_quantity": work_order.snapshot.get("line_quantity") or work_order.quantity,
        }
        last = WorkOrder.objects.filter(order_line_id=work_order.order_line_id).aggregate(
            last=Max("part")
        )["last"]
        root = work_order.number.split("/")[0]
        parts = [
            WorkOrder(
                number=f"{root}/{last + i}",
                order_id=work_order.order_id,
                order_number=work_order.order_number,
                order_line_id=work_order.order_line_id,
                part=last + i,
                status=work_order.status,
                product_sku=work_order.product_sku,
                product_name=work_order.product_name,
                quantity=quantity,
                due_date=work_order.due_date,
                required_capabilities=work_order.required_capabilities,
                snapshot=snapshot,
                ship_to=work_order.ship_to,
                content_hash=work_order.content_hash,
            )
            for i, quantity in enumerate(quantities[1:], start=1)
        ]
        created = WorkOrder.objects.bulk_create(parts)
        work_order.quantity = quantities[0]
        work_order.snapshot = snapshot
        work_order.version += 1
        work_order.save(update_fields=["quantity", "snapshot", "version", "updated_at"])
        WorkOrderEvent.objects.bulk_create(
            [
                WorkOrderEvent(
                    work_order=work_order,
                    type="split",
                    from_status=work_order.status,
                    to_status=work_order.status,
                    actor=actor,
                    data={
                        "parts": [
                            {"number": wo.number, "quantity": wo.quantity}
                            for wo in [work_order, *created]
                        ]
                    },
                ),
                *(
                    WorkOrderEvent(
                        work_order=part,
                        type="planned",
                        to_status=part.status,
                        actor=actor,
                        data={"split_from": work_order.number},
                    )
                    for part in created
                ),
            ]
        )
    return [work_order, *created]
