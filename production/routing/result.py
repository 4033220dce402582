"""Turn placed parts into a ``RoutingResult`` with exact per-part costs."""

from __future__ import annotations

import time
from decimal import Decimal

from .costs import money
from .explain import explain_job, unroutable_reason
from .model import Assignment, RoutingResult, Unroutable
from .prepare import Instance
from .schedule import Part


def build_result(
    inst: Instance,
    placed: dict[Part, dict[tuple[int, int], float]],
    started: float,
    method: str,
    lower_bound: float | None,
    explain: bool,
) -> RoutingResult:
    """Assignments sorted by (job id, factory id); every other job is unroutable.

    Lateness is measured on the actual day plan: delivery = last work day + ship days.
    """
    penalty = float(inst.params.lateness_penalty_per_day)
    assignments: list[Assignment] = []
    chosen: dict[int, set[int]] = {}
    for part, reserved in sorted(placed.items(), key=lambda kv: (kv[0].j, kv[0].f)):
        j, f = part.j, part.f
        share = part.quantity / inst.qty[j]
        last_work = max((d for _, d in reserved), default=0)
        delivery = last_work + int(inst.ship_days[j, f])
        late = max(0, delivery - inst.jobs[j].due_day)
        prod, ship = money(inst.production[j, f] * share), money(inst.shipping[j, f])
        bonus, pen = money(inst.bonus[j, f] * share), money(penalty * late)
        assignments.append(
            Assignment(
                job_id=inst.jobs[j].id,
                factory_id=inst.factories[f].id,
                quantity=part.quantity,
                reserved={
                    (inst.centres[c], d): round(m, 6) for (c, d), m in sorted(reserved.items())
                },
                production_cost=prod,
                shipping_cost=ship,
                lateness_penalty=pen,
                quality_bonus=bonus,
                total_cost=prod + ship + pen - bonus,
                late_days=late,
                delivery_day=delivery,
            )
        )
        chosen.setdefault(j, set()).add(f)
    unroutable: dict[str, Unroutable] = {
        job.id: unroutable_reason(inst, j) for j, job in enumerate(inst.jobs) if j not in chosen
    }
    explanations = (
        {job.id: explain_job(inst, j, chosen.get(j, set())) for j, job in enumerate(inst.jobs)}
        if explain
        else {}
    )
    return RoutingResult(
        assignments=assignments,
        unroutable=unroutable,
        explanations=explanations,
        objective=sum((a.total_cost for a in assignments), Decimal("0.00")),
        solve_seconds=time.perf_counter() - started,
        lower_bound=None if lower_bound is None else money(lower_bound),
        method=method,
    )
