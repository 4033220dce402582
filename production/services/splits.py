"""Splitting a work order's quantity into parts, e.g. 500 shirts across two plants."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from c2m.db import lock_many
from c2m.errors import ApplicationError, Conflict, NotFound
from orders.services.production_feedback import order_production_update
from production.models import WorkOrder, WorkOrderEvent, WorkOrderEventType, WorkOrderStatus
from production.models.work_order_status import SPLITTABLE
from production.recipes import snapshot_for_quantity


def work_order_split(*, work_order_id: int, quantities: list[int], actor: str) -> list[WorkOrder]:
    """Split a pending or unroutable work order into parts of these ``quantities``.

    The work order keeps its number and part and takes ``quantities[0]``; each further
    quantity becomes a new part of the same order line (next free part number), with the
    snapshot's totals (BOM, minutes) recomputed for its quantity from the per-unit figures,
    never from the live recipe. Returns all parts, the original first.

    Raises ``ApplicationError`` (``invalid_split``) unless there are two or more positive
    whole quantities adding up to the work order's quantity, and ``Conflict``
    (``cannot_split``) once the work order was offered to a factory.
    """
    if (
        not isinstance(quantities, list)
        or len(quantities) < 2
        or any(not isinstance(q, int) or isinstance(q, bool) or q < 1 for q in quantities)
    ):
        raise ApplicationError(
            "Split into two or more positive whole quantities.", code="invalid_split"
        )
    with transaction.atomic():
        line_of = WorkOrder.objects.filter(pk=work_order_id).values("order_line_id")
        line_pks = WorkOrder.objects.filter(order_line_id__in=line_of).values_list("pk", flat=True)
        # Every part of the line, locked in key order: concurrent splits of two parts of
        # one line then number their new parts one after the other.
        parts_of_line = lock_many(WorkOrder.objects, line_pks)
        work_order = next((p for p in parts_of_line if p.pk == work_order_id), None)
        if work_order is None:
            raise NotFound("No such work order.", code="work_order_not_found")
        if work_order.status not in SPLITTABLE:
            raise Conflict(
                f"A work order that is {work_order.status} cannot be split.",
                code="cannot_split",
            )
        if sum(quantities) != work_order.quantity:
            raise ApplicationError(
                f"The parts must add up to {work_order.quantity}.",
                code="invalid_split",
                errors={"quantities": [f"Sum is {sum(quantities)}."]},
            )
        last_part = max(p.part for p in parts_of_line)
        base = work_order.number if work_order.part == 1 else work_order.number.rsplit(".", 1)[0]
        parts = [
            WorkOrder(
                number=f"{base}.{part}",
                order_id=work_order.order_id,
                order_number=work_order.order_number,
                order_line_id=work_order.order_line_id,
                part=part,
                product_sku=work_order.product_sku,
                product_name=work_order.product_name,
                quantity=quantity,
                due_date=work_order.due_date,
                express=work_order.express,
                required_capabilities=work_order.required_capabilities,
                snapshot=snapshot_for_quantity(work_order.snapshot, quantity),
                ship_to=work_order.ship_to,
                content_hash=work_order.content_hash,
                claim_number=work_order.claim_number,
            )
            for part, quantity in enumerate(quantities[1:], start=last_part + 1)
        ]
        # The unique (order line, part) constraint is the last word if two splits race.
        created = WorkOrder.objects.bulk_create(parts)
        previous = work_order.quantity
        work_order.quantity = quantities[0]
        work_order.snapshot = snapshot_for_quantity(work_order.snapshot, quantities[0])
        work_order.version = F("version") + 1
        work_order.save(update_fields=["quantity", "snapshot", "version", "updated_at"])
        work_order.refresh_from_db(fields=["version"])
        numbers = [work_order.number, *(p.number for p in created)]
        WorkOrderEvent.objects.bulk_create(
            [
                WorkOrderEvent(
                    work_order=work_order,
                    type=WorkOrderEventType.SPLIT,
                    from_status=work_order.status,
                    to_status=work_order.status,
                    actor=actor,
                    data={"from_quantity": previous, "parts": numbers, "quantities": quantities},
                ),
                *(
                    WorkOrderEvent(
                        work_order=part,
                        type=WorkOrderEventType.PLANNED,
                        to_status=WorkOrderStatus.PENDING,
                        actor=actor,
                        data={"split_from": work_order.number},
                    )
                    for part in created
                ),
            ]
        )
        if work_order.claim_number:  # a reprint's parts are the claim's business, not the item's
            return [work_order, *created]
        statuses = WorkOrder.objects.filter(
            order_id=work_order.order_id, claim_number=""
        ).values_list("status", flat=True)
        order_production_update(
            order_id=work_order.order_id,
            code="work_order_split",
            actor=actor,
            work_order_number=work_order.number,
            work_order_statuses=list(statuses),
            data={"parts": numbers, "quantities": quantities},
            line_id=work_order.order_line_id,
            quantity=work_order.quantity,
            work_order_status=work_order.status,
        )
    return [work_order, *created]
