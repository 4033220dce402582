"""Greedy baseline: earliest due date first, each job to its cheapest factory that fits.

No splitting and no look-ahead; used by the benchmark and as a sanity reference.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence

import numpy as np

from .explain import whole_job_costs
from .model import Factory, Job, RoutingParams, RoutingResult
from .prepare import OK, prepare
from .result import build_result
from .schedule import Part, fill_earliest


def route_greedy(
    jobs: Sequence[Job],
    factories: Sequence[Factory],
    params: RoutingParams | None = None,
    *,
    explain: bool | Collection[str] = True,
) -> RoutingResult:
    """Same contract as ``route``: jobs are assigned whole or listed unroutable.

    Jobs go in order of (due day, id); each takes the cheapest eligible factory (least
    lateness tier first) with a free queue slot and the minutes by its window end.
    """
    started = time.perf_counter()
    params = params or RoutingParams()
    inst = prepare(jobs, factories, params)
    free = inst.day_cap.copy()
    slots = inst.slots.copy()
    placed = {}
    order = sorted(range(len(inst.jobs)), key=lambda j: (inst.jobs[j].due_day, inst.jobs[j].id))
    for j in order:
        eligible = np.flatnonzero(inst.reason[j] == OK)
        if not len(eligible):
            continue
        total = whole_job_costs(inst, j)["total"][eligible]
        ranked = eligible[np.lexsort((eligible, total))]
        done = False
        for tier in range(params.max_late_days + 1):
            for f in ranked.tolist():
                end = int(inst.last_day[j, f]) + tier
                if slots[f] <= 0 or end < 0:
                    continue
                try:
                    reserved = fill_earliest(free[f], inst.minutes[j], end)
                except ValueError:
                    continue
                slots[f] -= 1
                placed[Part(j=j, f=f, quantity=int(inst.qty[j]), end=end)] = reserved
                done = True
                break
            if done:
                break
    return build_result(inst, placed, started, "greedy", None, explain)
