"""Turning one optimizer result into the stored explanation operators read in the admin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from production.models import Factory, RoutingDecision, WorkOrder
from routing import Assignment, Candidate, Unroutable

CHOSEN_WHOLE = "chosen: the lowest total cost the network could give this work order"
CHOSEN_PART = "chosen for a part: no single plant could make it all by the due date"
DEFERRED = "chosen, but a concurrent routing run took the capacity first; retried next run"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def candidates_json(candidates: Sequence[Candidate], *, split: bool, deferred: bool) -> list:
    """Cheapest first, each with its cost components and why it was (not) chosen."""
    chosen_why = DEFERRED if deferred else (CHOSEN_PART if split else CHOSEN_WHOLE)
    # Capable plants first, cheapest first; then the others (no cost to compare).
    candidates = sorted(
        candidates, key=lambda c: (c.total is None, c.total if c.total is not None else 0)
    )
    return [
        {
            "factory": c.factory_id,
            "production_cost": _money(c.production_cost),
            "shipping_cost": _money(c.shipping_cost),
            "lateness_penalty": _money(c.lateness_penalty),
            "quality_bonus": _money(c.quality_bonus),
            "total": _money(c.total),
            "chosen": c.chosen,
            "why": chosen_why if c.chosen else c.why_not,
        }
        for c in candidates
    ]


def decision_for(
    *,
    work_order: WorkOrder,
    run_id: str,
    outcome: str,
    parts: Sequence[Assignment],
    pieces: Sequence[WorkOrder],
    candidates: Sequence[Candidate],
    unroutable: Unroutable | None,
    factories: Mapping[str, Factory],
    today: date,
    method: str,
) -> RoutingDecision:
    """An unsaved ``RoutingDecision``; ``pieces`` are the work orders offered per part."""
    numbers = [p.number for p in pieces] or [work_order.number] * len(parts)
    return RoutingDecision(
        work_order=work_order,
        run_id=run_id,
        outcome=outcome,
        chosen_factory=factories[parts[0].factory_id] if parts else None,
        assignments=[
            {
                "work_order": number,
                "factory": a.factory_id,
                "quantity": a.quantity,
                "production_cost": str(a.production_cost),
                "shipping_cost": str(a.shipping_cost),
                "lateness_penalty": str(a.lateness_penalty),
                "quality_bonus": str(a.quality_bonus),
                "total": str(a.total_cost),
                "delivery_date": (today + timedelta(days=a.delivery_day)).isoformat(),
                "late_days": a.late_days,
            }
            for number, a in zip(numbers, parts, strict=True)
        ],
        candidates=candidates_json(
            candidates, split=len(parts) > 1, deferred=outcome == "deferred"
        ),
        reason_code=unroutable.code if unroutable else "",
        reason=unroutable.text if unroutable else "",
        method=method,
    )
