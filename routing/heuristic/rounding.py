"""Rounding: jobs the flow routes whole keep their option, factory by factory.

A job keeps its option as long as it also fits on its other centres and in the queue
slots: one vectorised check per factory, job by job only where it fails. Without a flow
every job takes its cheapest priced option the same way. What does not fit goes to the
pool, as do the jobs the flow splits.
"""

from __future__ import annotations

import numpy as np

from ..flow import FlowSolution
from ..prepare import EPS
from .board import Plan

LP_PREF_SHARE = 0.5  # a fractional job first tries the flow's option carrying this much


def regrets(priced: np.ndarray) -> np.ndarray:
    """(J,) gap between each job's two cheapest priced candidates (1e18 if only one)."""
    if priced.shape[1] <= 1:
        return np.full(priced.shape[0], 1e18)
    srt = np.partition(priced, 1, axis=1)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(srt[:, 1]), srt[:, 1] - srt[:, 0], 1e18)


def round_flow(
    plan: Plan, priced: np.ndarray, regret: np.ndarray, flow: FlowSolution | None
) -> list[int]:
    """Book the flow's whole jobs (or every job's priced choice) that fit.

    Returns the pool: jobs still to insert, highest regret first. Sets
    ``plan.lp_pref`` to the flow's main options of its fractional jobs.
    """
    inst, prices, board = plan.inst, plan.prices, plan.board
    if flow is None:
        pick = np.argmin(priced, axis=1)
        jobs = np.flatnonzero(prices.usable & np.isfinite(priced.min(axis=1, initial=np.inf)))
        f_pick, e_pick = prices.cf[jobs, pick[jobs]], prices.ce[jobs, pick[jobs]]
        c_pick = prices.cc[jobs, pick[jobs]]
    else:
        whole = flow.share > 1 - 1e-6
        frac = np.flatnonzero(~whole & (flow.share > 1e-6))
        frac = frac[np.lexsort((flow.cost[frac], -flow.share[frac], flow.j[frac]))]
        for o in frac.tolist():
            if flow.share[o] >= LP_PREF_SHARE:
                item = (int(flow.f[o]), int(flow.end[o]), float(flow.cost[o]))
                plan.lp_pref.setdefault(int(flow.j[o]), []).append(item)
        jobs, f_pick = flow.j[whole], flow.f[whole]
        e_pick, c_pick = flow.end[whole], flow.cost[whole]
    pool = []
    order = np.lexsort((jobs, -regret[jobs], f_pick))
    for f in np.unique(f_pick).tolist():
        sel = order[f_pick[order] == f]
        js, es, cs = jobs[sel], e_pick[sel], c_pick[sel]
        load: np.ndarray = np.zeros(inst.day_cap.shape[1:])
        for c in range(load.shape[0]):
            np.add.at(load[c], es, inst.minutes[js, c])
        ok = len(js) <= board.slots[f] and bool(
            (board.slack[f] - np.cumsum(load, axis=1) >= -EPS).all()
        )
        if ok:  # the whole group fits: book it at once
            board.book_group(f, load, len(js))
        for j, e, cost in zip(js.tolist(), es.tolist(), cs.tolist(), strict=True):
            if ok:
                plan.keep(j, f, e, float(cost))
            elif board.fits_one(f, e, inst.minutes[j]):
                plan.place(j, f, e, float(cost))
            else:
                pool.append(j)
    in_pool = set(pool)
    rest = np.flatnonzero(prices.usable).tolist()
    pool += [j for j in rest if j not in plan.assign and j not in in_pool]
    pool.sort(key=lambda j: (-regret[j], j))
    return pool
