"""Turn placed parts into a ``RoutingResult`` with exact per-part costs."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator, Mapping
from decimal import Decimal

import numpy as np

from .costs import cents, money
from .explain import explain_job, unroutable_reason
from .model import Assignment, Candidate, RoutingResult, Unroutable
from .prepare import Instance
from .schedule import Part


class Explanations(Mapping[str, list[Candidate]]):
    """Job id -> candidate list, computed on first access and then kept.

    Routing 1,000 jobs over 100 factories would otherwise build 100,000 candidates
    nobody reads; a caller that shows one work order pays for that one. Iteration is in
    job id order; ``only`` restricts the mapping to the given job ids.
    """

    def __init__(self, inst: Instance, chosen: dict[int, set[int]], only) -> None:
        self._inst = inst
        self._chosen = chosen
        self._index = {job.id: j for j, job in enumerate(inst.jobs)}
        if only is not None:
            wanted = set(only)
            self._index = {k: v for k, v in self._index.items() if k in wanted}
        self._cache: dict[str, list[Candidate]] = {}

    def __getitem__(self, job_id: str) -> list[Candidate]:
        if job_id not in self._cache:
            j = self._index[job_id]  # KeyError for unknown ids, like a dict
            self._cache[job_id] = explain_job(self._inst, j, self._chosen.get(j, set()))
        return self._cache[job_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"<Explanations of {len(self)} jobs>"


def build_result(
    inst: Instance,
    placed: dict[Part, dict[tuple[int, int], float]],
    started: float,
    method: str,
    lower_bound: float | None,
    explain: bool | Collection[str],
) -> RoutingResult:
    """Assignments sorted by (job id, factory id); every other job is unroutable.

    Lateness is measured on the actual day plan: delivery = last work day + ship days.
    """
    penalty = float(inst.params.lateness_penalty_per_day)
    assignments: list[Assignment] = []
    chosen: dict[int, set[int]] = {}
    items = sorted(placed.items(), key=lambda kv: (kv[0].j, kv[0].f))
    if items:
        j = np.array([p.j for p, _ in items])
        f = np.array([p.f for p, _ in items])
        share = np.array([p.quantity for p, _ in items]) / inst.qty[j]
        last_work = np.array([max((d for _, d in r), default=0) for _, r in items])
        delivery = last_work + inst.ship_days[j, f]
        due = np.array([inst.jobs[x].due_day for x in j.tolist()])
        late = np.maximum(0, delivery - due)
        prod = cents(inst.production[j, f] * share)
        ship = cents(inst.shipping[j, f])
        bonus = cents(inst.bonus[j, f] * share)
        pen = cents(penalty * late)
        rows = zip(items, prod, ship, bonus, pen, late.tolist(), delivery.tolist(), strict=True)
        for (part, reserved), pr, sh, bo, pe, lt, dl in rows:
            assignments.append(
                Assignment(
                    job_id=inst.jobs[part.j].id,
                    factory_id=inst.factories[part.f].id,
                    quantity=part.quantity,
                    reserved={
                        (inst.centres[c], d): round(m, 6) for (c, d), m in sorted(reserved.items())
                    },
                    production_cost=pr,
                    shipping_cost=sh,
                    lateness_penalty=pe,
                    quality_bonus=bo,
                    total_cost=pr + sh + pe - bo,
                    late_days=lt,
                    delivery_day=dl,
                )
            )
            chosen.setdefault(part.j, set()).add(part.f)
    unroutable: dict[str, Unroutable] = {
        job.id: unroutable_reason(inst, j) for j, job in enumerate(inst.jobs) if j not in chosen
    }
    if explain is True:
        explanations: Mapping[str, list[Candidate]] = Explanations(inst, chosen, None)
    elif explain:
        explanations = Explanations(inst, chosen, explain)
    else:
        explanations = {}
    return RoutingResult(
        assignments=assignments,
        unroutable=unroutable,
        explanations=explanations,
        objective=sum((a.total_cost for a in assignments), Decimal("0.00")),
        solve_seconds=time.perf_counter() - started,
        lower_bound=None if lower_bound is None else money(lower_bound),
        method=method,
    )
