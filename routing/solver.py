"""The router: min-cost-flow relaxation and rounding for large batches, a MIP for small.

Large batches (more than ``exact_mip_max_jobs`` jobs), see ``flow`` and ``heuristic``:

1. ``prepare`` filters (job, factory) pairs (capability, material, active, declined,
   queue slots, shipping time, capacity) and computes the cost matrices.
2. A few dozen subgradient steps price the capacity rows; every job's cheapest options
   at real cost and at priced cost form the candidate arcs.
3. The min-cost flow (one network per primary centre type) routes the jobs' minutes
   over the candidates; it is the LP relaxation restricted to those arcs. When it
   cannot route every job's minutes there, it is solved once more with
   ``WIDE_PRICED_ARCS`` priced arcs per job; when some centre type has less than 2 %
   more free minutes than work (``TIGHT_CAPACITY``), with those arcs at once.
4. Jobs the flow routes whole to one option are kept (checked for their other centres
   and the queue slots); the fractional rest is inserted by regret, unassigned jobs
   may evict one job that fits elsewhere, then CP-SAT re-assigns the few left out
   together with the jobs in their way (``heuristic.neighbourhood``), and a local
   search moves jobs to cheaper options (pool jobs also by ejecting another job).
5. Parts are placed on days earliest-deadline-first (``schedule.place_edf``).
   ``lower_bound`` is the Lagrangian bound of the capacity prices (valid, not tight);
   the benchmark computes the exact flow bound with pricing to zero reduced cost.

Small batches: the LP relaxation (GLOP, column generation) for the bound and SCIP over
every option, single-threaded with a seed and a node limit.

Deterministic: inputs are sorted by id, every choice breaks ties by index, the flow
solver and GLOP are deterministic, SCIP runs single-threaded with a node limit and
CP-SAT with one worker, the seed and a deterministic work limit.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence

import numpy as np

from .flow import solve_flow
from .heuristic import LargeRouter
from .lp import solve
from .model import Factory, Job, RoutingParams, RoutingResult
from .options import Options, all_options, build, split_jobs
from .prepare import EPS, OK, Instance, prepare
from .result import build_result
from .schedule import Part, place_edf, place_parts

MAX_PRICING_ROUNDS = 30
WIDE_PRICED_ARCS = 12  # priced arcs per job when capacity is tight
TIGHT_CAPACITY = 1.02  # free minutes below this times the work: tight (widen at once)


def _tight(inst: Instance) -> bool:
    """Some centre type has hardly more free minutes in the horizon than work to do."""
    free = inst.day_cap.sum(axis=(0, 2))
    work = inst.minutes.sum(axis=0)
    return bool((free < TIGHT_CAPACITY * work).any())


def _big(opts: Options) -> float:
    return 1000.0 + 100.0 * float(np.abs(opts.cost).max(initial=0.0))


def _cheapest_per_job(opts: Options, k: int, jobs_mask: np.ndarray | None = None) -> np.ndarray:
    """Indices of the ``k`` cheapest options of each job (ties by position)."""
    order = np.lexsort((np.arange(len(opts)), opts.cost, opts.j))
    js = opts.j[order]
    first = np.searchsorted(js, js, side="left")
    keep = np.arange(len(order)) - first < k
    if jobs_mask is not None:
        keep &= jobs_mask[js]
    return np.sort(order[keep])


def _reduced_costs(inst: Instance, universe: Options, layout, duals: np.ndarray) -> np.ndarray:
    pi_cap = np.where(layout.cap_rows >= 0, duals[np.maximum(layout.cap_rows, 0)], 0.0)
    rc = universe.cost - duals[layout.job_rows][universe.j] - duals[layout.queue_rows][universe.f]
    for c in range(len(inst.centres)):
        rc -= inst.minutes[universe.j, c] * pi_cap[universe.f, c, universe.end]
    return rc


def solve_lp(inst: Instance, universe: Options, big: float):
    """LP relaxation over all options by column generation.

    Returns (options in the final LP, LP solution, layout, lower bound on real cost).
    """
    jobs = np.arange(len(inst.jobs))
    in_lp = np.zeros(len(universe), dtype=bool)
    in_lp[_cheapest_per_job(universe, inst.params.candidates_per_job)] = True
    for _ in range(MAX_PRICING_ROUNDS):
        opts = universe.take(np.flatnonzero(in_lp))
        model, layout = build(inst, opts, jobs, inst.day_cap, inst.slots, mip=False, big=big)
        sol = solve(model, mip=False)
        rc = _reduced_costs(inst, universe, layout, sol.duals)
        entering = (rc < -1e-6 * (1.0 + np.abs(universe.cost))) & ~in_lp
        if not entering.any():
            break
        # Add the few most negative per job so each round stays small.
        sub = universe.take(np.flatnonzero(entering))
        sub_rc = rc[entering]
        sub.var_cost, sub.fixed_cost = sub_rc, np.zeros(len(sub))
        pick = np.flatnonzero(entering)[_cheapest_per_job(sub, 3)]
        in_lp[pick] = True
    bound = sol.objective - big * float(sol.x[layout.u].sum())
    return opts, sol, layout, bound


def _parts_from_mip(inst: Instance, opts: Options, sol, layout) -> list[Part]:
    parts = []
    x = sol.x[layout.x]
    units = dict(zip(layout.split_idx.tolist(), np.rint(sol.x[layout.q]).tolist(), strict=True))
    for o in np.flatnonzero(x > EPS).tolist():
        j = int(opts.j[o])
        qty = int(units[o]) if o in units else (int(inst.qty[j]) if x[o] > 0.5 else 0)
        if qty > 0:
            parts.append(Part(j=j, f=int(opts.f[o]), quantity=qty, end=int(opts.end[o])))
    return parts


def _solve_mip(
    inst: Instance, opts: Options, jobs: np.ndarray, free: np.ndarray, slots: np.ndarray, big
) -> tuple[list[Part], bool]:
    """(parts, proven optimal)."""
    if not len(jobs) or not len(opts):
        return [], True
    model, layout = build(inst, opts, jobs, free, slots, mip=True, big=big)
    sol = solve(model, mip=True, seed=inst.params.seed, node_limit=inst.params.mip_node_limit)
    parts = _parts_from_mip(inst, opts, sol, layout) if sol.feasible else []
    return parts, sol.optimal


def route(
    jobs: Sequence[Job],
    factories: Sequence[Factory],
    params: RoutingParams | None = None,
    *,
    explain: bool | Collection[str] = True,
) -> RoutingResult:
    """Assign jobs to factories at least total cost; see the module docstring.

    Every job ends up either in ``assignments`` (in full, possibly split in parts) or
    in ``unroutable`` with a reason. Raises ValueError on duplicate ids or bad input.
    ``explain``: True gives a lazy mapping job id -> candidates (built on first access),
    a collection of job ids restricts it to those jobs, False leaves it empty.
    """
    started = time.perf_counter()
    params = params or RoutingParams()
    inst = prepare(jobs, factories, params)
    if not len(inst.jobs) or not len(inst.factories) or not (inst.reason == OK).any():
        return build_result(inst, {}, started, "none routable", 0.0, explain)
    if len(inst.jobs) > params.exact_mip_max_jobs:
        router = LargeRouter(inst)
        router.price()
        k = params.candidates_per_job // 2 + 1
        flow = None
        if not _tight(inst):
            flow = solve_flow(inst, 0, 1, router.cheapest(k, k), router.cost3, router.end3)
        if flow is None or not flow.routes_all:  # too few arcs for tight capacity: widen
            wide = router.cheapest(k - 1, WIDE_PRICED_ARCS)
            flow = solve_flow(inst, 0, 1, wide, router.cost3, router.end3)
        parts = router.route(flow)
        placed = place_edf(inst, parts)
        bound = flow.bound if flow.exact else router.lagrangian_bound()
        return build_result(inst, placed, started, "flow+repair", bound, explain)
    universe = all_options(inst, split_jobs(inst))
    if not len(universe):
        return build_result(inst, {}, started, "lp+mip", 0.0, explain)
    big = _big(universe)
    _, _, _, bound = solve_lp(inst, universe, big)
    all_jobs = np.arange(len(inst.jobs))
    parts, optimal = _solve_mip(inst, universe, all_jobs, inst.day_cap, inst.slots, big)
    placed, _failed = place_parts(inst, parts)
    method = "lp+mip (optimal)" if optimal else "lp+mip (node limit)"
    return build_result(inst, placed, started, method, bound, explain)
