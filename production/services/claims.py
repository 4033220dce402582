"""Claims against a plant's work, as production hears of them from the orders outbox: its
own record per work order, the reprint an approval asks for, and the plant's answer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from c2m.errors import ApplicationError, NotFound
from c2m.scheduling import task_enqueue
from orders.services.production_feedback import (
    PlanningRequest,
    claim_messages_done,
    claim_messages_lock,
    claim_plant_response,
    claim_reprint_report,
)
from production.models import (
    Factory,
    PlantClaim,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.services.exceptions import reprint_exception_record
from production.services.planning import PLANNER, recipes_for, work_order_from_snapshot
from production.services.service_visits import service_visit_plan
from production.services.settlement import InvalidAmount, ledger_charge_back
from production.services.webhooks import webhook_claim_enqueue
from production.task_names import GENERATE_PRODUCTION_FILES, ROUTE_WORK_ORDERS

logger = logging.getLogger(__name__)

DEFECT_REASONS = frozenset({"damaged", "misprint", "wrong_item", "not_as_configured"})
# Decisions that make a plant at fault give back its payout for the faulty pieces.
CHARGED_BACK = frozenset({"reprint", "refund"})
# Reprints take part numbers from here on, so they never meet a routing split's parts.
REPRINT_PART_BASE = 100
MAX_RESPONSE = 4000


def claims_record(*, message_ids: Sequence[int]) -> list[int]:
    """Apply the open claim messages among ``message_ids`` in order; acknowledge them in
    the same transaction. Returns the ids of reprint and service-visit work orders created
    now (routed after commit). A message applied twice changes nothing twice."""
    reprints: list[int] = []
    visits: list[int] = []
    with transaction.atomic():
        messages = claim_messages_lock(message_ids=message_ids)
        for message in messages:
            payload = message["payload"]
            if payload.get("decision") == "repair":  # a visit, not a claim against a plant
                visit = service_visit_plan(payload)
                if visit is not None:
                    visits.append(visit.pk)
                continue
            rows = _record(payload)
            if message["topic"] == "claim.decided":
                reprint = _decide(payload, rows)
                if reprint is not None:
                    reprints.append(reprint.pk)
            else:
                for row in rows:
                    webhook_claim_enqueue(claim=row, event="claim.filed")
        claim_messages_done(message_ids=[m["message_id"] for m in messages])
        if reprints:
            task_enqueue(GENERATE_PRODUCTION_FILES, args=[reprints])
        if reprints or visits:
            task_enqueue(ROUTE_WORK_ORDERS, args=[[*reprints, *visits]])
    return [*reprints, *visits]


def plant_claim_respond(
    *, claim_id: int, factory: Factory, response: Any, actor: str
) -> PlantClaim:
    """The plant's evidence on a claim against its work; orders' triage sees it.

    Raises ``NotFound`` for another plant's claim and ``ApplicationError`` for an empty or
    too long response. Answering again replaces the response (each is kept on the claim).
    """
    text = response.strip() if isinstance(response, str) else ""
    if not text or len(text) > MAX_RESPONSE:
        raise ApplicationError(
            f"Send a response of 1 to {MAX_RESPONSE} characters.",
            code="invalid",
            errors={"response": [f"1 to {MAX_RESPONSE} characters."]},
        )
    with transaction.atomic():
        claim = PlantClaim.objects.select_for_update().filter(pk=claim_id, factory=factory).first()
        if claim is None:
            raise NotFound("No such claim.")
        claim.response, claim.responded_at = text, timezone.now()
        claim.save(update_fields=["response", "responded_at", "updated_at"])
        claim_plant_response(
            claim_number=claim.claim_number, plant=factory.code, message=text, actor=actor
        )
    return claim


def _record(payload: dict[str, Any]) -> list[PlantClaim]:
    """The claim's rows, one per (non-reprint) work order that made the line."""
    made = (
        WorkOrder.objects.select_related("factory")
        .filter(order_line_id=payload["line_id"], claim_number="", factory__isnull=False)
        .exclude(status=WorkOrderStatus.CANCELLED)
    )
    rows = []
    for work_order in made:
        assert work_order.factory is not None  # filtered above
        row, _created = PlantClaim.objects.get_or_create(
            claim_number=payload["claim_number"],
            work_order=work_order,
            defaults={
                "factory": work_order.factory,
                "reason": payload["reason"],
                "defect": payload["reason"] in DEFECT_REASONS,
                "quantity": min(payload["quantity"], work_order.quantity),
                "description": payload["description"],
                "photos": payload["photos"],
                "filed_at": datetime.fromisoformat(payload["filed_at"]),
            },
        )
        rows.append(row)
    return rows


def _decide(payload: dict[str, Any], rows: list[PlantClaim]) -> WorkOrder | None:
    decision, at_fault = payload["decision"], bool(payload.get("plant_at_fault"))
    reprint = None
    if decision == "reprint":
        excluded = [r.factory for r in rows] if at_fault else []
        try:
            with transaction.atomic():
                reprint = reprint_work_order_create(payload=payload, excluded=excluded)
        except (ApplicationError, LookupError, ValueError, TypeError) as error:
            # Retrying the message cannot fix it (no recipe, a formula that fails): the
            # message is consumed and the reprint waits on the exception list instead.
            _reprint_unplanned(payload, excluded, error)
    for row in rows:
        changed = row.decision != decision or row.plant_at_fault != at_fault
        row.decision, row.plant_at_fault = decision, at_fault
        row.photos = payload["photos"]
        row.reprint = reprint or row.reprint
        row.save(update_fields=["decision", "plant_at_fault", "photos", "reprint", "updated_at"])
        if at_fault and decision in CHARGED_BACK:
            _charge_back(row)
        if changed:
            webhook_claim_enqueue(claim=row, event="claim.decided")
    return reprint


def _charge_back(row: PlantClaim) -> None:
    """The plant at fault gives back its payout for the faulty pieces (its share of the
    work order's frozen payout), once per claim and work order."""
    work_order = row.work_order
    if not work_order.payout_amount:
        return  # offered before payouts were frozen on offers: nothing to take back
    share = work_order.payout_amount * min(row.quantity, work_order.quantity)
    amount = (share / work_order.quantity).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount <= 0:
        return
    try:
        ledger_charge_back(
            work_order=work_order,
            amount=amount,
            reason=f"{row.reason}: {row.quantity} of {work_order.quantity} pieces",
            claim_ref=row.claim_number,
        )
    except InvalidAmount as refused:  # its payout never accrued (it never shipped)
        logger.warning("no chargeback for claim %s: %s", row.claim_number, refused.detail)


def _reprint_unplanned(payload: dict[str, Any], excluded: list[Factory], error: Exception) -> None:
    number = payload["claim_number"]
    detail = error.detail if isinstance(error, ApplicationError) else repr(error)
    logger.warning("reprint for claim %s could not be planned: %s", number, detail)
    reprint_exception_record(
        claim_number=number,
        code=getattr(error, "code", "planning_error"),
        error=f"The reprint of claim {number} could not be planned: {detail}",
        data={"payload": payload, "excluded": sorted({f.code for f in excluded})},
    )


def reprint_work_order_create(
    *, payload: dict[str, Any], excluded: Sequence[Factory]
) -> WorkOrder | None:
    """The reprint work order a ``claim.decided`` payload asks for, created once (unique
    per claim), with the plants in ``excluded`` never offered it; None when it was created
    already. Raises ``RecipeError`` (an ``ApplicationError``) when it cannot be planned."""
    number = payload["claim_number"]
    if WorkOrder.objects.filter(claim_number=number).exists():
        return None
    snapshot = payload["reprint"]
    line = snapshot["line"]
    request = PlanningRequest(
        message_id=0,
        order_id=payload["order_id"],
        order_number=payload["order_number"],
        promised_date="",
        delivery=snapshot.get("delivery", {}),
        ship_to=snapshot["ship_to"],
        lines=[line],
    )
    recipe = recipes_for([line["product_sku"]]).get(line["product_sku"])
    work_order = work_order_from_snapshot(request, line, recipe, timezone.localdate())
    earlier = WorkOrder.objects.filter(order_line_id=line["line_id"]).exclude(claim_number="")
    work_order.number = f"{work_order.number}-{number.removeprefix('CLM-')}"
    work_order.part = REPRINT_PART_BASE + earlier.count()
    work_order.claim_number = number
    work_order.save()
    events = [
        WorkOrderEvent(
            work_order=work_order,
            type=WorkOrderEventType.PLANNED,
            to_status=WorkOrderStatus.PENDING,
            actor=PLANNER,
            data={"claim": number},
        ),
        *(
            WorkOrderEvent(
                work_order=work_order,
                type=WorkOrderEventType.PLANT_EXCLUDED,
                actor=PLANNER,
                data={"factory": factory.code, "claim": number},
            )
            for factory in {f.pk: f for f in excluded}.values()
        ),
    ]
    WorkOrderEvent.objects.bulk_create(events)
    claim_reprint_report(
        claim_number=number,
        work_order_number=work_order.number,
        work_order_status=work_order.status,
        code="planned",
        actor=PLANNER,
    )
    logger.info("reprint %s planned for claim %s", work_order.number, number)
    return work_order
