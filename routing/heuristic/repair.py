"""Insertion and repair of jobs that are not on the board.

A pool job takes its cheapest option that still fits (every eligible factory and tier,
exact cumulative check); a splittable job that fits nowhere whole is split over the
cheapest plants in parts of at least its minimum. An unassigned job may then move one
job out of its way (the cheapest such move over its options and the victims whose
removal makes room); those still left out go to the CP-SAT neighbourhood repair
(``neighbourhood``), and the rest may move several jobs from one of its factories
(most minutes first, each to its cheapest other place); moves are undone if the job
still does not fit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..prepare import EPS
from .board import Plan
from .neighbourhood import repair_neighbourhood

EVICT_OPTIONS = 4
MAX_VICTIMS = 12
WIDE_OPTIONS = 16  # repair of unassigned jobs: options and victims tried
WIDE_VICTIMS = 40


class Move(NamedTuple):
    """Place job j at (f, e, cj), after moving ``victim`` (if >= 0) to (fk, ek, ck)."""

    delta: float
    f: int
    e: int
    cj: float
    victim: int
    fk: int
    ek: int
    ck: float


def insert(plan: Plan, j: int) -> bool:
    """Place the off-board job j at its cheapest option that fits; False if none does."""
    inst, board = plan.inst, plan.board
    need = inst.minutes[j]
    for f, e, cost in plan.lp_pref.get(j, ()):  # the flow's own choice first
        if board.fits_one(f, e, need):
            plan.place(j, f, e, cost)
            return True
    f, _, e, cost, _ = plan.prices.job_options(j)
    ok = board.fits(f, e, need)
    if ok.any():
        i = int(np.argmax(ok))
        plan.place(j, int(f[i]), int(e[i]), float(cost[i]))
        return True
    if inst.splittable[j]:
        return insert_split(plan, j, f, e)
    return False


def insert_split(plan: Plan, j: int, fs: np.ndarray, es: np.ndarray) -> bool:
    """Split j in whole units over the cheapest plants, parts >= the minimum.

    Returns False (and books nothing) when the parts cannot cover the quantity.
    """
    inst, board = plan.inst, plan.board
    qty, low = int(inst.qty[j]), int(inst.min_part[j])
    per_unit = inst.minutes[j] / qty
    left, parts, used = qty, [], set()
    for f, e in zip(fs.tolist(), es.tolist(), strict=True):
        if f in used or board.slots[f] <= 0:
            continue
        room = np.inf
        for c in np.flatnonzero(per_unit > EPS):
            room = min(room, (board.smin[f, c, e] + EPS) / per_unit[c])
        units = min(left, int(np.floor(room)))
        if units < left and left - units < low:
            units = left - low  # leave a valid last part
        if units < low:
            continue
        board.add(f, e, per_unit * units)
        parts.append((f, e, units))
        used.add(f)
        left -= units
        if left == 0:
            plan.assign[j] = parts
            return True
    for f, e, units in parts:
        board.remove(f, e, per_unit * units)
    return False


def best_move(plan: Plan, j: int, cur: float, wide: bool = False) -> Move | None:
    """Cheapest move placing the off-board job j at cost < ``cur``, directly or by
    moving one single-part job to another factory; None if there is none.

    ``wide`` (for jobs that are not placed at all) tries more options of j, more
    victims and every option of the victim instead of its candidates.
    """
    inst, board, prices = plan.inst, plan.board, plan.prices
    need = inst.minutes[j]
    f_o, _, e_o, c_o, _ = prices.job_options(j)
    sel = np.flatnonzero(c_o < cur - 1e-9)
    sel = sel[np.lexsort((sel, c_o[sel]))]
    sel = sel[: WIDE_OPTIONS if wide else EVICT_OPTIONS]
    best = None
    days = np.arange(inst.horizon)[None, :]
    for i in sel.tolist():
        f, e, cj = int(f_o[i]), int(e_o[i]), float(c_o[i])
        if best is not None and cj - cur >= best.delta:
            break
        if board.fits_one(f, e, need):
            best = Move(cj - cur, f, e, cj, -1, -1, -1, 0.0)
            break
        victims = np.array(sorted(plan.at.get(f, ())), dtype=np.int64)
        if not len(victims):
            continue
        ek = np.array([plan.assign[k][0][1] for k in victims.tolist()])
        ok = np.ones(len(victims), dtype=bool)
        for c in np.flatnonzero(need > EPS).tolist():
            free = board.slack[f, c][None, :]
            mat = free + inst.minutes[victims, c][:, None] * (days >= ek[:, None])
            ok &= mat[:, e:].min(axis=1) + EPS >= need[c]
        vk = victims[ok]
        vk = vk[np.lexsort((vk, inst.minutes[vk].sum(axis=1)))]
        vk = vk[: WIDE_VICTIMS if wide else MAX_VICTIMS]
        if not len(vk):
            continue
        if wide:
            for k in vk.tolist():
                fk, _, ek2, ck, _ = prices.job_options(k)
                fit = board.fits(fk, ek2, inst.minutes[k]) & (fk != f) & np.isfinite(ck)
                if not fit.any():
                    continue
                o = int(np.argmin(np.where(fit, ck, np.inf)))
                delta = cj - cur + float(ck[o]) - plan.jcost[k]
                if best is None or delta < best.delta - 1e-9:
                    best = Move(delta, f, e, cj, k, int(fk[o]), int(ek2[o]), float(ck[o]))
            continue
        # Every victim against its candidates at once: a victim leaves f only, and its
        # candidates at f are excluded, so its own removal changes none of them.
        fk, ek2, ck = prices.cf[vk], prices.ce[vk], prices.cc[vk]
        fit = board.fits_many(fk, ek2, inst.minutes[vk]) & (fk != f) & np.isfinite(ck)
        priced = np.where(fit, ck, np.inf)
        o = np.argmin(priced, axis=1)
        rows = np.arange(len(vk))
        jc = np.array([plan.jcost[k] for k in vk.tolist()])
        deltas = np.where(fit.any(axis=1), cj - cur + priced[rows, o] - jc, np.inf)
        i = int(np.argmin(deltas))
        if np.isfinite(deltas[i]) and (best is None or deltas[i] < best.delta - 1e-9):
            k, oi = int(vk[i]), int(o[i])
            best = Move(
                float(deltas[i]), f, e, cj, k, int(fk[i, oi]), int(ek2[i, oi]), float(ck[i, oi])
            )
    return best


def apply_move(plan: Plan, j: int, move: Move) -> None:
    """Carry out ``move`` for the off-board job j."""
    if move.victim >= 0:
        plan.move(move.victim, move.fk, move.ek, move.ck)
        plan.touched.append(move.victim)
    plan.place(j, move.f, move.e, move.cj)


def evict_insert(plan: Plan, j: int) -> bool:
    """Place the unassigned j, moving one job out of its way if need be."""
    move = best_move(plan, j, np.inf, wide=True)
    if move is None:
        return False
    apply_move(plan, j, move)
    return True


def evict_many(plan: Plan, j: int) -> bool:
    """Place the unassigned j at one of its factories by moving several jobs away.

    Options cheapest first; at each, jobs there (most minutes first) move to their
    cheapest other place that fits until j fits; otherwise everything is undone.
    Returns whether j was placed.
    """
    inst, board = plan.inst, plan.board
    need = inst.minutes[j]
    f_o, _, e_o, c_o, _ = plan.prices.job_options(j)
    opts = list(zip(f_o.tolist(), e_o.tolist(), c_o.tolist(), strict=True))
    for f, e, cj in opts[:WIDE_OPTIONS]:
        there = np.array(sorted(plan.at.get(f, ())), dtype=np.int64)
        victims = there[np.argsort(-plan.size[there], kind="stable")][:WIDE_VICTIMS].tolist()
        moved = []
        for k in victims:
            if board.fits_one(f, e, need):
                break
            if not np.any((need > EPS) & (inst.minutes[k] > EPS)):
                continue
            fk, _, ek, ck, _ = plan.prices.job_options(k)
            fit = board.fits(fk, ek, inst.minutes[k]) & (fk != f)
            if not fit.any():
                continue
            o = int(np.argmax(fit))
            moved.append((k, plan.move(k, int(fk[o]), int(ek[o]), float(ck[o]))))
        if board.fits_one(f, e, need):
            plan.place(j, f, e, float(cj))
            plan.touched.extend(k for k, _ in moved)
            return True
        for k, (f0, e0, c0) in reversed(moved):
            plan.move(k, f0, e0, c0)
    return False


def repair(plan: Plan, unassigned: list[int], seed: int = 0) -> list[int]:
    """Insert, then evict one, then re-assign the neighbourhood (CP-SAT), then evict
    many; returns the jobs still unassigned."""
    unassigned = [j for j in unassigned if not insert(plan, j)]
    unassigned = [j for j in unassigned if not evict_insert(plan, j)]
    if unassigned:
        unassigned = repair_neighbourhood(plan, unassigned, seed)
    return [j for j in unassigned if not evict_many(plan, j)]
