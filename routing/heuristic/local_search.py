"""Local search: move booked jobs to cheaper options that fit.

Pool jobs and jobs moved by a repair try a cheaper option, also by moving one job out
of the way; then every single-part job moves to a cheaper candidate that fits, until
no move improves or ``MOVE_PASSES`` passes are done.
"""

from __future__ import annotations

import numpy as np

from ..prepare import EPS
from .board import Plan
from .repair import apply_move, best_move

MOVE_PASSES = 2


def improve(plan: Plan, focus: list[int]) -> None:
    """Move jobs to cheaper options: ``focus`` jobs also by moving another job out
    of the way; every single-part job directly (screened vectorised, then exact)."""
    for j in focus:
        if j not in plan.jcost:
            continue
        f0, e0, c0 = plan.unplace(j)
        move = best_move(plan, j, c0)
        if move is not None and move.delta < -1e-6:
            apply_move(plan, j, move)
        else:
            plan.place(j, f0, e0, c0)
    for _ in range(MOVE_PASSES):
        if not move_to_cheaper(plan):
            return


def move_to_cheaper(plan: Plan) -> int:
    """One pass over the single-part jobs; returns how many moved."""
    inst, board, prices = plan.inst, plan.board, plan.prices
    singles = np.array(sorted(plan.jcost), dtype=int)
    if not len(singles):
        return 0
    cf, ce, cc = prices.cf[singles], prices.ce[singles], prices.cc[singles]
    cur_f = np.array([plan.assign[k][0][0] for k in singles.tolist()])
    cur_cost = np.array([plan.jcost[k] for k in singles.tolist()])
    ok = (cc < cur_cost[:, None] - 1e-9) & (cf != cur_f[:, None]) & (board.slots[cf] > 0)
    for c in range(len(inst.centres)):
        m = inst.minutes[singles, c][:, None]
        ok &= (m <= EPS) | (board.smin[cf, c, ce] + EPS >= m)
    moved = 0
    for i in np.flatnonzero(ok.any(axis=1)).tolist():
        k = int(singles[i])
        f0, e0, c0 = plan.unplace(k)
        cand = np.flatnonzero(prices.cc[k] < c0 - 1e-9)
        cand = cand[np.lexsort((cand, prices.cc[k, cand]))]
        fits = board.fits(prices.cf[k, cand], prices.ce[k, cand], inst.minutes[k])
        if fits.any():
            o = int(cand[int(np.argmax(fits))])
            plan.place(k, int(prices.cf[k, o]), int(prices.ce[k, o]), float(prices.cc[k, o]))
            moved += 1
        else:
            plan.place(k, f0, e0, c0)
    return moved
