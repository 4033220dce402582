"""Neighbourhood repair with CP-SAT: the jobs left out and the jobs in their way.

When insertion and the one-job evictions leave jobs out (typical when capacity is
exactly the work there is), a few left-out jobs at a time are re-assigned together
with the whole jobs booked on the factories of their cheapest options (the smallest
there, which fit the scraps of free minutes elsewhere). CP-SAT gives each freed job one
of its options (where it is now, its cheapest candidates, its cheapest options that fit
now) and each left-out job at most one of its cheapest options, keeps every capacity
row "minutes due by day d <= free minutes of days 0..d" and the queue slots of the
factories involved, and minimises the cost plus a large penalty per job left out.
The current plan is the hint, so the answer is never worse than what was there.

Minutes are scaled to integers rounded up and free minutes rounded down (never below
what the current plan uses there); the answer is booked through the board's own
checks and dropped as a whole if one fails. CP-SAT runs with one worker, the routing's
seed and a deterministic work limit, and at most ``MAX_NEIGHBOURHOODS`` times per
routing, so the same input gives the same answer in bounded time.
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from ..prepare import EPS
from .board import Plan

MINUTE_SCALE = 1000  # model units per minute
OPENING_OPTIONS = 2  # cheapest options of each left-out job whose factories are opened
LEFT_OUT_OPTIONS = 8  # options a left-out job may take
FREED_PER_FACTORY = 20  # jobs freed at each opened factory (smallest first)
FREED_OPTIONS = 8  # cheapest candidates, and options that fit now, of a freed job
MAX_LEFT_OUT = 5  # left-out jobs per neighbourhood
MAX_NEIGHBOURHOODS = 3  # per routing, so a batch that cannot be routed stays cheap
WORK_LIMIT = 0.1  # CP-SAT deterministic time per neighbourhood (about seconds of one core)
SAFETY_SECONDS = 10.0  # wall-clock net; only a far slower machine would reach it


def repair_neighbourhood(plan: Plan, left_out: list[int], seed: int = 0) -> list[int]:
    """Re-assign the left-out jobs, a few at a time, with the jobs in their way.

    Returns the jobs still left out. A neighbourhood where CP-SAT places none of its
    left-out jobs, or whose answer fails the board's checks, is left as it was.
    """
    still = []
    for at in range(0, len(left_out), MAX_LEFT_OUT):
        targets = [j for j in left_out[at : at + MAX_LEFT_OUT] if j not in plan.assign]
        if targets and plan.neighbourhoods < MAX_NEIGHBOURHOODS:
            plan.neighbourhoods += 1
            targets = _repair_one(plan, targets, seed)
        still += targets
    return still


def _repair_one(plan: Plan, targets: list[int], seed: int) -> list[int]:
    freed = _jobs_in_the_way(plan, targets)
    options = _options(plan, targets, freed)
    before = {k: plan.unplace(k) for k in freed}
    chosen = _solve(plan, targets, options, before, seed)
    if chosen is None or not _book(plan, chosen, options):
        for k, (f, e, cost) in before.items():
            plan.place(k, f, e, cost)
        return targets
    plan.touched.extend(freed)
    return [j for j in targets if j not in plan.assign]


def _jobs_in_the_way(plan: Plan, targets: list[int]) -> list[int]:
    """Whole jobs on the factories of the targets' cheapest options that share a centre
    with the target: the smallest there (they fit the scraps of free minutes elsewhere)."""
    inst = plan.inst
    freed: set[int] = set()
    for j in targets:
        f_o = plan.prices.job_options(j)[0]
        needs = inst.minutes[j] > EPS
        for f in list(dict.fromkeys(f_o.tolist()))[:OPENING_OPTIONS]:
            there = [k for k in sorted(plan.at.get(f, ())) if (inst.minutes[k][needs] > EPS).any()]
            there.sort(key=lambda k: (inst.minutes[k].sum(), k))
            freed.update(there[:FREED_PER_FACTORY])
    return sorted(freed)


def _options(plan: Plan, targets: list[int], freed: list[int]) -> dict[int, list[tuple]]:
    """Job -> [(factory, end, cost)]: the targets' cheapest options; for freed jobs their
    place now, their cheapest candidates and their cheapest options that fit now."""
    prices, board, inst = plan.prices, plan.board, plan.inst
    out: dict[int, list[tuple]] = {}
    for j in targets:
        f_o, _, e_o, c_o, _ = prices.job_options(j)
        n = LEFT_OUT_OPTIONS
        out[j] = list(zip(f_o[:n].tolist(), e_o[:n].tolist(), c_o[:n].tolist(), strict=True))
    for k in freed:
        f0, e0, _ = plan.assign[k][0]
        best: dict[tuple[int, int], float] = {(f0, e0): plan.jcost[k]}
        cand = np.flatnonzero(np.isfinite(prices.cc[k]))
        cand = cand[np.lexsort((cand, prices.cc[k, cand]))][:FREED_OPTIONS]
        fs, es, cs = prices.cf[k, cand], prices.ce[k, cand], prices.cc[k, cand]
        f_o, _, e_o, c_o, _ = prices.job_options(k)
        fit = np.flatnonzero(board.fits(f_o, e_o, inst.minutes[k]))[:FREED_OPTIONS]
        fs, es, cs = (np.r_[a, b[fit]] for a, b in ((fs, f_o), (es, e_o), (cs, c_o)))
        for f, e, c in zip(fs.tolist(), es.tolist(), cs.tolist(), strict=True):
            best[(f, e)] = min(best.get((f, e), np.inf), c)
        out[k] = [(f, e, c) for (f, e), c in sorted(best.items())]
    return out


def _solve(plan, targets, options, before, seed):
    """CP-SAT over the options; returns job -> option index (absent = left out) or None."""
    inst, board = plan.inst, plan.board
    model = cp_model.CpModel()
    big = int(100 * 100 * max(c for opts in options.values() for _, _, c in opts)) + 10**6
    x: dict[int, list] = {}
    terms: dict[tuple[int, int, int], list] = {}  # (f, c, end) -> [(var, minutes)]
    at_factory: dict[int, list] = {}
    objective = []
    hints: dict[int, bool] = {}  # variable index -> value in the current plan
    for j, opts in options.items():
        x[j] = [model.new_bool_var("") for _ in opts]
        current = before.get(j)
        for var, (f, e, _) in zip(x[j], opts, strict=True):
            hints[var.index] = current is not None and (f, e) == current[:2]
        if j in before:
            model.add_exactly_one(x[j])
        else:
            left = model.new_bool_var("")
            model.add_exactly_one([*x[j], left])
            model.add_hint(left, True)
            objective.append((left, big))
        need = np.ceil(inst.minutes[j] * MINUTE_SCALE - 1e-6).astype(np.int64)
        for var, (f, e, cost) in zip(x[j], opts, strict=True):
            objective.append((var, round(cost * 100)))
            at_factory.setdefault(f, []).append(var)
            for c in np.flatnonzero(need > 0).tolist():
                terms.setdefault((f, c, e), []).append((var, int(need[c])))
    for f, vars_f in at_factory.items():
        model.add(sum(vars_f) <= int(board.slots[f]))
    rows: dict[tuple[int, int], dict[int, list]] = {}
    for (f, c, e), lst in terms.items():
        rows.setdefault((f, c), {})[e] = lst
    for (f, c), by_end in rows.items():
        free = np.floor((board.slack[f, c] + EPS) * MINUTE_SCALE).astype(np.int64)
        due: list = []
        hinted = 0  # the current plan's load, so its own rounding never excludes it
        last = np.iinfo(np.int64).max
        for d in range(min(by_end), inst.horizon):
            new = by_end.get(d, ())
            due.extend(new)
            hinted += sum(m for v, m in new if hints[v.index])
            cap = max(int(free[d]), hinted)
            if new or cap < last:  # otherwise the row of an earlier day implies it
                expr = cp_model.LinearExpr.weighted_sum([v for v, _ in due], [m for _, m in due])
                model.add(expr <= cap)
                last = cap
    model.minimize(
        cp_model.LinearExpr.weighted_sum([v for v, _ in objective], [w for _, w in objective])
    )
    for vars_j in x.values():
        for var in vars_j:
            model.add_hint(var, hints[var.index])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = WORK_LIMIT
    solver.parameters.max_time_in_seconds = SAFETY_SECONDS
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = {}
    for j, vars_j in x.items():
        for i, var in enumerate(vars_j):
            if solver.boolean_value(var):
                chosen[j] = i
    if sum(1 for j in targets if j in chosen) == 0:
        return None  # nothing gained for the left-out jobs
    return chosen


def _book(plan: Plan, chosen: dict[int, int], options) -> bool:
    """Book the chosen options through the board's checks; False (and undone) if one fails."""
    booked: list[int] = []
    for j in sorted(chosen, key=lambda j: (options[j][chosen[j]][1], j)):
        f, e, cost = options[j][chosen[j]]
        if not plan.board.fits_one(f, e, plan.inst.minutes[j]):
            for k in reversed(booked):
                plan.unplace(k)
            return False
        plan.place(j, f, e, cost)
        booked.append(j)
    return True
