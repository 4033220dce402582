"""Repair and maintenance visits under warranty: the service work order an approved
repair claim asks for (``claim.decided`` with decision ``repair``).

A visit is a work order like any other (routed by the router, offered, accepted and
reported through the factory API) whose operations are a service crew's visit needing the
``repair`` capability, linked to the claim by ``claim_number``. The plant that made the
item is preferred when it can do it; reporting the work order shipped (handed back) closes
the claim.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.utils import timezone

from orders.services.production_feedback import claim_reprint_report
from production.models import (
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.recipes.compiler import snapshot_for_quantity
from production.services.planning import PLANNER

logger = logging.getLogger(__name__)

SERVICE_CAPABILITY = "repair"
SERVICE_CENTRE = "service_crew"
# Claims' work orders (reprints, visits) take part numbers from here on, so they never
# meet a routing split's parts (as ``claims.REPRINT_PART_BASE``).
PART_BASE = 100
# A visit is due this many days after it is approved.
VISIT_DAYS = 10
SETUP_MINUTES = "30"
MINUTES_PER_PIECE = "90"


def service_visit_plan(payload: dict[str, Any]) -> WorkOrder | None:
    """Create the claim's service work order once (None when it exists already), with the
    plant that made the item as the router's preference when it has the capability.
    Runs in the claims consumer's transaction."""
    number = payload["claim_number"]
    if WorkOrder.objects.filter(claim_number=number).exists():
        return None
    service = payload["service"]
    line = service["line"]
    made_by = (
        WorkOrder.objects.select_related("factory")
        .filter(order_line_id=line["line_id"], claim_number="", factory__isnull=False)
        .exclude(status=WorkOrderStatus.CANCELLED)
        .order_by("pk")
        .first()
    )
    preferred = ""
    plant = made_by.factory if made_by is not None else None
    if plant is not None and plant.capabilities.filter(code=SERVICE_CAPABILITY).exists():
        preferred = plant.code
    quantity = int(line["quantity"])
    snapshot = snapshot_for_quantity(
        {
            "recipe": {"product_sku": line["product_sku"], "version": 0},
            "bill_of_materials": [],
            "operations": [
                {
                    "seq": 1,
                    "code": payload.get("reason") or "service_visit",
                    "capability": SERVICE_CAPABILITY,
                    "centre": SERVICE_CENTRE,
                    "setup_minutes": SETUP_MINUTES,
                    "run_minutes_per_unit": MINUTES_PER_PIECE,
                }
            ],
            "materials": [],
            "capabilities": [SERVICE_CAPABILITY],
            "files": [],
            "batch_key": "",
            "qc_required": False,
        },
        quantity,
    )
    earlier = WorkOrder.objects.filter(order_line_id=line["line_id"]).exclude(claim_number="")
    work_order = WorkOrder.objects.create(
        number=f"SV-{payload['order_number'][4:]}-{line['line_no']}-{number.removeprefix('CLM-')}",
        order_id=payload["order_id"],
        order_number=payload["order_number"],
        order_line_id=line["line_id"],
        part=PART_BASE + earlier.count(),
        product_sku=line["product_sku"],
        product_name=line["product_name"],
        quantity=quantity,
        due_date=timezone.localdate() + timedelta(days=VISIT_DAYS),
        required_capabilities=[SERVICE_CAPABILITY],
        ship_to=service["ship_to"],
        content_hash=line["configuration_hash"],
        claim_number=number,
        snapshot={
            "configuration": line["configuration"],
            "configuration_summary": line["configuration_summary"],
            "artwork_preflight": {},
            **snapshot,
            "service_visit": {"reason": payload.get("reason", ""), "claim": number},
            "preferred_plant": preferred,
            "delivery": {},
        },
    )
    WorkOrderEvent.objects.create(
        work_order=work_order,
        type=WorkOrderEventType.PLANNED,
        to_status=WorkOrderStatus.PENDING,
        actor=PLANNER,
        data={"claim": number, "service_visit": True, "preferred_plant": preferred},
    )
    claim_reprint_report(
        claim_number=number,
        work_order_number=work_order.number,
        work_order_status=work_order.status,
        code="planned",
        actor=PLANNER,
    )
    logger.info("service visit %s planned for claim %s", work_order.number, number)
    return work_order
