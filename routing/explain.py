"""Unroutable reasons and per-job explanations of every factory considered."""

from __future__ import annotations

import numpy as np

from .costs import money
from .model import Candidate, Unroutable
from .prepare import (
    DECLINED,
    INACTIVE,
    MISSING_CAPABILITY,
    MISSING_MATERIAL,
    NO_QUEUE_SLOT,
    OK,
    PAIR_REASONS,
    Instance,
)

UNROUTABLE_TEXT = {
    "no_capable_factory": "no factory has every required capability, centre and material",
    "no_active_capable_factory": "every capable factory is inactive",
    "all_capable_factories_declined": "every active capable factory declined this work order",
    "no_queue_slot": "every remaining capable factory has a full queue",
    "no_capacity_before_due_date": (
        "no capable factory has the free minutes to make and ship it by the due date"
    ),
    "capacity_taken_by_other_work_orders": (
        "capable factories could make it alone, but their minutes or queue slots went to "
        "other work orders"
    ),
}


def unroutable_reason(inst: Instance, j: int) -> Unroutable:
    """Most basic reason job ``j`` got no factory (never raises)."""
    codes = inst.reason[j]
    capable = (codes != MISSING_CAPABILITY) & (codes != MISSING_MATERIAL)
    if not capable.any():
        code = "no_capable_factory"
    elif (codes[capable] == INACTIVE).all():
        code = "no_active_capable_factory"
    elif (codes[capable & (codes != INACTIVE)] == DECLINED).all():
        code = "all_capable_factories_declined"
    elif (codes[capable & (codes != INACTIVE) & (codes != DECLINED)] == NO_QUEUE_SLOT).all():
        code = "no_queue_slot"
    elif not (codes == OK).any():
        code = "no_capacity_before_due_date"
    else:
        code = "capacity_taken_by_other_work_orders"
    return Unroutable(code=code, text=UNROUTABLE_TEXT[code])


def whole_job_costs(inst: Instance, j: int) -> dict[str, np.ndarray]:
    """Cost components (F,) of giving job ``j`` whole to each factory, least lateness."""
    late = np.clip(-inst.last_day[j], 0, None)
    penalty = late * float(inst.params.lateness_penalty_per_day)
    total = inst.production[j] + inst.shipping[j] + penalty - inst.bonus[j]
    return {
        "production": inst.production[j],
        "shipping": inst.shipping[j],
        "penalty": penalty,
        "bonus": inst.bonus[j],
        "total": total,
    }


def explain_job(inst: Instance, j: int, chosen: set[int]) -> list[Candidate]:
    """Every factory for job ``j``, cheapest first, with why it was not chosen."""
    costs = whole_job_costs(inst, j)
    best = min((costs["total"][f] for f in chosen), default=None)
    out = []
    for f in np.lexsort((np.arange(len(inst.factories)), costs["total"])).tolist():
        code = int(inst.reason[j, f])
        capable = code not in (MISSING_CAPABILITY, MISSING_MATERIAL)
        if f in chosen:
            why = None
        elif code != OK:
            why = PAIR_REASONS[code]
        elif best is None:
            why = "its capacity or queue slots went to other work orders"
        elif costs["total"][f] >= best:
            why = f"costs {money(costs['total'][f] - best)} more than the chosen factory"
        else:
            why = "cheaper, but its capacity or queue slots went to other work orders"
        out.append(
            Candidate(
                factory_id=inst.factories[f].id,
                production_cost=money(costs["production"][f]) if capable else None,
                shipping_cost=money(costs["shipping"][f]),
                lateness_penalty=money(costs["penalty"][f]) if capable else None,
                quality_bonus=money(costs["bonus"][f]) if capable else None,
                total=money(costs["total"][f]) if capable else None,
                chosen=f in chosen,
                why_not=why,
            )
        )
    return out
