"""Min-cost-flow relaxation of the routing problem (OR-Tools ``SimpleMinCostFlow``).

Every job with work routes on one *primary* centre type (its bottleneck: most minutes
relative to the total capacity of that type). Network, in integer units of
1/``MINUTE_SCALE`` minute::

    job j (supply s_j = its primary minutes)
      -> (factory f, centre p_j, day end_jft)   one arc per option (f, lateness tier t),
                                                cost per unit = option cost / s_j
    (f, c, d) -> (f, c, d-1)                    free, unbounded: work due by d may be
                                                done earlier
    (f, c, d) -> sink                           capacity = free minutes of that day

Solved as the cheapest of the largest flows (``solve_max_flow_with_min_cost``): what
cannot be routed stays at the job, "unassigned". For pricing, that is an arc job ->
sink at cost BIG per unit (``BIG_FACTOR`` times the dearest arc's unit cost), so the flow is
optimal for the network with those arcs; leaving them out saves the solver 10-25 %.
Its optimum is the LP relaxation where a job may be split in any proportions, its
other centres and the queue slots are ignored, and a split part's shipping scales with
its share. So, when it routes every job, its cost is a lower bound on the cost of any
routing that assigns every job; when it cannot route every job, no routing can.

Only the ``k`` cheapest options per job (plus ``extra`` ones) start in the network.
Node potentials (shortest distances to the sink in the residual graph of the optimal
flow, by vectorised Bellman-Ford) then price every option of every job: an option with
negative reduced cost is added and the flow re-solved, until none is left (``exact``);
the bound is then over all options. Costs are scaled to integers; the worst-case effect
of that rounding is subtracted from the bound so it stays valid.

The router runs one round only (its candidates come from capacity prices, which is
close to the full relaxation in practice); the benchmark prices to ``exact``.
Jobs route on one centre each: a job's other centres are ignored by the flow (so the
bound stays valid but weaker for multi-centre jobs) and checked during rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .prepare import EPS, OK, Instance

MINUTE_SCALE = 10
MAX_ROUNDS = 20
BIG_FACTOR = 64.0
COST_RESOLUTION = 1e7  # largest unit cost as an integer; cost scaling is log(range)


@dataclass
class FlowSolution:
    """Shares of the relaxation, per option, and the bound."""

    j: np.ndarray  # option arrays: job, factory, tier, last work day, cost
    f: np.ndarray
    tier: np.ndarray
    end: np.ndarray
    cost: np.ndarray
    share: np.ndarray  # share of the job's primary minutes on the option
    unassigned: np.ndarray  # (J,) share of each job left unassigned
    bound: float  # lower bound on the real cost of the routed shares
    routes_all: bool  # the relaxation routes every job with work
    rounds: int
    arcs: int
    exact: bool = True  # pricing proved the network holds every improving option


def option_costs(inst: Instance) -> tuple[np.ndarray, np.ndarray]:
    """(J, F, T) cost and last work day (int32) of each (job, factory, tier); cost inf if
    unusable. Built tier by tier into the two output arrays (they are the largest ones)."""
    base = inst.production + inst.shipping - inst.bonus
    n_t = inst.params.max_late_days + 1
    penalty = float(inst.params.lateness_penalty_per_day)
    h = inst.horizon
    ok = inst.reason == OK
    last = inst.last_day.astype(np.int32)
    cost = np.empty((*base.shape, n_t))
    end = np.empty((*base.shape, n_t), dtype=np.int32)
    for t in range(n_t):
        e = last + t
        usable = ok & (e >= 0)
        if t > 0:  # a later tier adds nothing once the window covers the horizon
            usable &= e - 1 < h - 1
        cost[:, :, t] = np.where(usable, base + penalty * t, np.inf)
        end[:, :, t] = np.clip(e, 0, h - 1)
    return cost, end


def primary_centre(inst: Instance) -> np.ndarray:
    """(J,) centre index each job routes on in the flow; -1 for jobs without minutes."""
    total = inst.day_cap.sum(axis=(0, 2))
    load = inst.minutes / np.maximum(total, EPS)[None, :]
    p = np.argmax(load, axis=1)
    p[inst.minutes.max(axis=1, initial=0.0) <= EPS] = -1
    return p


def _cheapest(cost2: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the ``k`` cheapest finite entries of each row."""
    k = min(k, cost2.shape[1])
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    part = np.argpartition(cost2, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(cost2.shape[0]), k)
    cols = part.ravel()
    keep = np.isfinite(cost2[rows, cols])
    return rows[keep], cols[keep]


def _potentials(n_nodes, sink, tail, head, cap, cost, flow) -> np.ndarray:
    """Shortest distance to the sink in the residual graph (Bellman-Ford, vectorised)."""
    fwd = flow < cap
    back = flow > 0
    u = np.concatenate([tail[fwd], head[back]])
    v = np.concatenate([head[fwd], tail[back]])
    w = np.concatenate([cost[fwd], -cost[back]]).astype(np.float64)
    order = np.argsort(u, kind="stable")
    u, v, w = u[order], v[order], w[order]
    starts = np.flatnonzero(np.r_[True, u[1:] != u[:-1]])
    groups = u[starts]
    d = np.full(n_nodes, np.inf)
    d[sink] = 0.0
    for _ in range(n_nodes):
        cand = w + d[v]
        best = np.minimum.reduceat(cand, starts) if len(u) else cand
        new = d.copy()
        new[groups] = np.minimum(d[groups], best)
        if np.array_equal(new, d):
            break
        d = new
    return d


def solve_flow(
    inst: Instance,
    k: int | None = None,
    max_rounds: int = MAX_ROUNDS,
    extra: np.ndarray | None = None,
    cost3: np.ndarray | None = None,
    end3: np.ndarray | None = None,
) -> FlowSolution:
    """The relaxation above, one independent network per primary centre type.

    ``max_rounds`` limits the pricing rounds; ``routes_all``/``bound`` are only
    claimed (``exact`` True) when pricing proved that no option outside the network
    would improve it. ``extra`` (J, F * T) bool marks more options to start with.
    """
    k = inst.params.candidates_per_job if k is None else k
    if cost3 is None or end3 is None:
        cost3, end3 = option_costs(inst)
    n_j = cost3.shape[0]
    prim = primary_centre(inst)
    usable = np.isfinite(cost3).reshape(n_j, -1).any(axis=1)
    parts = []
    unassigned = np.zeros(n_j)
    bound, exact, rounds, arcs = 0.0, True, 0, 0
    for c in np.unique(prim[(prim >= 0) & usable]).tolist():
        jobs = np.flatnonzero((prim == c) & usable)
        res = _solve_centre(
            inst, cost3, end3, jobs, c, k, max_rounds, None if extra is None else extra[jobs]
        )
        parts.append(res[0])
        unassigned[jobs] = res[1]
        bound += res[2]
        exact &= res[3]
        rounds = max(rounds, res[4])
        arcs += res[5]
    zero = (prim < 0) & usable  # jobs without minutes: their cheapest option
    bound += (
        float(cost3[zero].reshape(int(zero.sum()), -1).min(axis=1).sum()) if zero.any() else 0.0
    )
    cat = [np.concatenate([p[i] for p in parts]) if parts else np.zeros(0) for i in range(6)]
    return FlowSolution(
        j=cat[0].astype(np.int64),
        f=cat[1].astype(np.int64),
        tier=cat[2].astype(np.int64),
        end=cat[3].astype(np.int64),
        cost=cat[4],
        share=cat[5],
        unassigned=unassigned,
        bound=bound,
        routes_all=not unassigned.any(),
        rounds=rounds,
        arcs=arcs,
        exact=exact,
    )


def _merge(rows, cols, more_rows, more_cols, width):
    """Union of two sets of (row, column) cells, in row-major order."""
    keys = np.unique(np.concatenate([rows * width + cols, more_rows * width + more_cols]))
    return keys // width, keys % width


def _solve_centre(inst, cost3, end3, jobs, c, k, max_rounds, extra):
    _, n_f, n_t = cost3.shape
    n_h = inst.horizon
    n = len(jobs)
    width = n_f * n_t
    minutes = inst.minutes[jobs, c]
    supply = np.maximum(1, np.floor(minutes * MINUTE_SCALE + 1e-9)).astype(np.int64)
    unit = finite = None  # (n, F * T) unit costs, only for k > 0 or pricing

    def all_units():
        cost2 = cost3[jobs].reshape(n, width)
        return cost2 / supply[:, None], np.isfinite(cost2)

    rows = cols = np.zeros(0, dtype=np.int64)
    if k > 0:
        unit, finite = all_units()
        rows, cols = _cheapest(np.where(finite, unit, np.inf), k)
    if extra is not None:
        rows, cols = _merge(rows, cols, *np.nonzero(extra), width)
    real_o = cost3[jobs[rows], cols // n_t, cols % n_t]
    usable = np.isfinite(real_o)
    rows, cols, real_o = rows[usable], cols[usable], real_o[usable]
    max_abs = float(np.abs(real_o / supply[rows]).max(initial=1.0)) or 1.0
    n_nodes = n + n_f * n_h + 1
    sink = n_nodes - 1
    total = int(supply.sum())
    scale = COST_RESOLUTION / max_abs
    big = int(BIG_FACTOR * COST_RESOLUTION) + 1

    def node(f, d):
        return n + f * n_h + d

    cap_c = inst.day_cap[:, c, :]
    fs = np.flatnonzero(cap_c.sum(axis=1) > EPS)
    ch_t = node(fs[:, None], np.arange(1, n_h)[None, :]).ravel()
    fd = np.argwhere(cap_c > EPS)
    sk_t = node(fd[:, 0], fd[:, 1])
    sk_cap = np.ceil(cap_c[fd[:, 0], fd[:, 1]] * MINUTE_SCALE - 1e-9).astype(np.int64)
    fixed_t = np.concatenate([ch_t, sk_t])
    fixed_h = np.concatenate([ch_t - 1, np.full(len(sk_t), sink)])
    fixed_cap = np.concatenate([np.full(len(ch_t), total), sk_cap])
    fixed_cost = np.zeros(len(ch_t) + len(sk_t), np.int64)

    rounds, exact = 0, False
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[:n] = supply
    supplies[sink] = -total
    while True:
        rounds += 1
        f_o, t_o = cols // n_t, cols % n_t
        e_o = end3[jobs[rows], f_o, t_o]
        o_cost = np.rint(real_o / supply[rows] * scale).astype(np.int64)
        tail = np.concatenate([rows, fixed_t]).astype(np.int32)
        head = np.concatenate([node(f_o, e_o), fixed_h]).astype(np.int32)
        cap = np.concatenate([supply[rows], fixed_cap]).astype(np.int64)
        cost = np.concatenate([o_cost, fixed_cost]).astype(np.int64)
        smcf = min_cost_flow.SimpleMinCostFlow()
        arcs = smcf.add_arcs_with_capacity_and_unit_cost(tail, head, cap, cost)
        smcf.set_nodes_supplies(np.arange(n_nodes, dtype=np.int32), supplies)
        status = smcf.solve_max_flow_with_min_cost()
        if status != smcf.OPTIMAL:
            raise RuntimeError(f"min cost flow failed: {status}")
        flow = np.asarray(smcf.flows(np.asarray(arcs, dtype=np.int32)), dtype=np.int64)
        left = supply - np.bincount(rows, weights=flow[: len(rows)], minlength=n).astype(np.int64)
        if rounds >= max_rounds:
            break
        d = _potentials(
            n_nodes,
            sink,
            np.concatenate([tail, np.arange(n)]),
            np.concatenate([head, np.full(n, sink)]),
            np.concatenate([cap, supply]),
            np.concatenate([cost, np.full(n, big)]),
            np.concatenate([flow, left]),
        )
        if unit is None:
            unit, finite = all_units()
        heads = node(np.arange(n_f)[None, :, None], end3[jobs]).reshape(n, width)
        rc = np.rint(unit * scale) + d[heads] - d[:n, None]
        entering = finite & (rc < -0.5)
        entering[rows, cols] = False
        if not entering.any():
            exact = True
            break
        rows, cols = _merge(rows, cols, *_cheapest(np.where(entering, rc, np.inf), 4), width)
        real_o = cost3[jobs[rows], cols // n_t, cols % n_t]
    n_o = len(rows)
    share = flow[:n_o] / supply[rows]
    un = left / supply
    real = float((share * real_o).sum())
    bound = real - 0.5 / scale * float(flow[:n_o].sum())
    keep = flow[:n_o] > 0
    out = (jobs[rows][keep], f_o[keep], t_o[keep], e_o[keep], real_o[keep], share[keep])
    return out, un, bound, exact, rounds, len(tail)
