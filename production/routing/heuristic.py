"""Rounding and repair for large batches: capacity prices, flow rounding, local search.

1. Prices. ``mu[f, c, d] >= 0`` prices the cumulative capacity row "minutes of centre c
   at factory f due by day d <= free minutes of days 0..d" and ``nu[f]`` the queue
   slots. A job's option (f, end e) then costs ``cost + sum_c m_jc * sum_{d >= e}
   mu[f, c, d] + nu[f]``. A few dozen projected subgradient steps on the candidate
   options (the ``K_FACTORIES`` cheapest factories of each job, every tier) move work
   away from over-booked factories. The prices pick the flow's extra candidate arcs,
   order the repair, and give a valid Lagrangian lower bound (over *all* options).
2. Rounding. Jobs the min-cost flow routes whole to one option keep it, factory by
   factory, as long as they also fit on their other centres and in the queue slots
   (one vectorised check per factory, job by job only where it fails). Without a flow
   every job takes its cheapest priced option the same way.
3. Pool. The rest (fractional in the flow, or rejected above), highest regret first,
   take their cheapest priced option that still fits (every eligible factory and tier,
   exact cumulative check); a splittable job that fits nowhere whole is split over the
   cheapest plants in parts of at least its minimum.
4. Repair. An unassigned job may move one job out of its way (the cheapest such move
   over its options and the victims whose removal makes room), else several jobs from
   one of its factories (most minutes first, each to its cheapest other place); moves
   are undone if the job still does not fit.
5. Local search. Pool jobs and moved jobs try a cheaper option, also by moving one job
   out of the way; then every job moves to a cheaper option that fits, until no move
   improves or ``MOVE_PASSES`` passes are done. Repair is retried afterwards.

Queue slots are a plain count (``Board.slots``) checked by every insertion and move;
the flow ignores them (a relaxation), so they are enforced here.

Feasibility is tracked as ``slack[f, c, d] = cum free minutes(d) - cum minutes due by
d``; a job (f, e, m) fits iff ``min(slack[f, c, e:]) >= m_c`` for each centre c, which
the EDF placement turns into a day plan. Everything is deterministic (ties by index).
"""

from __future__ import annotations

import numpy as np

from .flow import FlowSolution, option_costs
from .prepare import EPS, Instance
from .schedule import Part

K_FACTORIES = 12
PRICE_ROUNDS = 30
MOVE_PASSES = 2
EVICT_OPTIONS = 4
MAX_VICTIMS = 12
WIDE_OPTIONS = 16  # repair of unassigned jobs: options and victims tried
WIDE_VICTIMS = 40
REPAIR_ROUNDS = 2
LP_PREF_SHARE = 0.5  # a fractional job first tries the flow's option carrying this much


class Board:
    """Slack per (factory, centre, day) and free queue slots of the accepted jobs."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.slack = np.cumsum(inst.day_cap, axis=2)
        self.smin = self._suffix_min(self.slack)
        self.slots = inst.slots.copy()

    @staticmethod
    def _suffix_min(a: np.ndarray) -> np.ndarray:
        return np.minimum.accumulate(a[..., ::-1], axis=-1)[..., ::-1]

    def fits(self, f, e, need: np.ndarray) -> np.ndarray:
        """Vectorised over options (arrays f, e): does ``need`` (C,) fit there now?"""
        ok = self.slots[f] > 0
        for c in np.flatnonzero(need > EPS):
            ok &= self.smin[f, c, e] + EPS >= need[c]
        return ok

    def add(self, f: int, e: int, need: np.ndarray, sign: float = 1.0) -> None:
        self.slack[f, :, e:] -= sign * need[:, None]
        self.smin[f] = self._suffix_min(self.slack[f])
        self.slots[f] -= int(sign)

    def remove(self, f: int, e: int, need: np.ndarray) -> None:
        self.add(f, e, need, sign=-1.0)


def _suffix_sums(mu: np.ndarray) -> np.ndarray:
    return np.cumsum(mu[..., ::-1], axis=-1)[..., ::-1]


def _price_terms(inst: Instance, p: np.ndarray, rows, f, e) -> np.ndarray:
    """sum_c m[rows, c] * p[f, c, e] (p = suffix sums of the prices); shapes broadcast.

    ``rows`` is an int or an index array whose first axis runs over jobs; only the jobs
    with minutes on a centre pay for it, which keeps single-centre jobs cheap.
    """
    rows = np.asarray(rows)
    shape = np.broadcast(rows, f, e).shape
    out = np.zeros(shape)
    if rows.ndim == 0 or shape[0] != rows.shape[0] or rows.shape[0] == 1:
        for c in range(len(inst.centres)):
            m = inst.minutes[rows, c]
            if np.any(m > EPS):
                out += m * p[f, c, e]
        return out
    f = np.broadcast_to(f, shape)
    e = np.broadcast_to(e, shape)
    flat = rows.reshape(rows.shape[0], -1)[:, 0]
    for c in range(len(inst.centres)):
        m = inst.minutes[flat, c]
        idx = np.flatnonzero(m > EPS)
        if len(idx):
            mm = m[idx].reshape((-1,) + (1,) * (len(shape) - 1))
            out[idx] += mm * p[f[idx], c, e[idx]]
    return out


class LargeRouter:
    def __init__(self, inst: Instance):
        self.inst = inst
        self.cost3, self.end3 = option_costs(inst)
        n_j, n_f, n_t = self.cost3.shape
        self.n_t = n_t
        best_f = self.cost3.min(axis=2)  # (J, F)
        k = min(K_FACTORIES, n_f)
        part = np.argpartition(best_f, k - 1, axis=1)[:, :k] if n_f else np.zeros((n_j, 0), int)
        part = np.sort(part, axis=1)
        self.cf = np.repeat(part, n_t, axis=1)  # (J, K*T) candidate factory
        self.ct = np.tile(np.arange(n_t), k)[None, :].repeat(n_j, axis=0)
        rows = np.arange(n_j)[:, None]
        self.cc = self.cost3[rows, self.cf, self.ct]
        self.ce = self.end3[rows, self.cf, self.ct]
        self.usable = self.cost3.reshape(n_j, -1).min(axis=1, initial=np.inf) < np.inf
        self.mu = np.zeros(inst.day_cap.shape)
        self.nu = np.zeros(n_f)

    # -- 1. prices -------------------------------------------------------------
    def price(self, rounds: int = PRICE_ROUNDS, step0: float = 2.0, decay: float = 0.93) -> None:
        inst = self.inst
        n_j = len(inst.jobs)
        n_f, n_c, n_h = inst.day_cap.shape
        rows = np.arange(n_j)[:, None]
        cum = np.cumsum(inst.day_cap, axis=2)
        finite = np.isfinite(self.cc)
        jobs = np.flatnonzero(self.usable)
        if not len(jobs):
            return
        best = self.cc[jobs].min(axis=1)
        tot = inst.minutes[jobs].sum(axis=1)
        cpm = float(np.median(best / np.maximum(tot, 1.0)))
        for k in range(rounds):
            adj = (
                self.cc
                + _price_terms(inst, _suffix_sums(self.mu), rows, self.cf, self.ce)
                + self.nu[self.cf]
            )
            adj[~finite] = np.inf
            pick = np.argmin(adj[jobs], axis=1)
            f, e = self.cf[jobs, pick], self.ce[jobs, pick]
            load = np.zeros(n_f * n_c * n_h)
            for c in range(n_c):
                load += np.bincount(
                    (f * n_c + c) * n_h + e, weights=inst.minutes[jobs, c], minlength=len(load)
                )
            over = np.cumsum(load.reshape(n_f, n_c, n_h), axis=2) - cum
            count = np.bincount(f, minlength=n_f) - inst.slots
            step = step0 * cpm * decay**k
            self.mu = np.maximum(0.0, self.mu + step * over / np.maximum(cum, 1.0) / n_h)
            self.nu = np.maximum(0.0, self.nu + step * 10 * count / np.maximum(inst.slots, 1))

    def priced_cheapest(self, k: int) -> np.ndarray:
        """(J, F * T) bool: the ``k`` cheapest options of each job at current prices."""
        inst = self.inst
        n_j, n_f, n_t = self.cost3.shape
        out = np.zeros((n_j, n_f * n_t), dtype=bool)
        p = _suffix_sums(self.mu)
        f = np.arange(n_f)[None, :, None]
        for chunk in np.array_split(np.arange(n_j), max(1, n_j // 2000)):
            adj = self.cost3[chunk] + _price_terms(
                inst, p, chunk[:, None, None], f, self.end3[chunk]
            )
            adj = (adj + self.nu[None, :, None]).reshape(len(chunk), -1)
            kk = min(k, adj.shape[1])
            part = np.argpartition(adj, kk - 1, axis=1)[:, :kk]
            ok = np.isfinite(np.take_along_axis(adj, part, 1))
            r = np.repeat(chunk, kk).reshape(len(chunk), kk)
            out[r[ok], part[ok]] = True
        return out

    def lagrangian_bound(self) -> float:
        """Valid lower bound on the cost of any routing that assigns every routable job."""
        inst = self.inst
        jobs = np.flatnonzero(self.usable)
        if not len(jobs):
            return 0.0
        n_f = self.cost3.shape[1]
        f = np.arange(n_f)[None, :, None]
        total = 0.0
        p = _suffix_sums(self.mu)
        for chunk in np.array_split(jobs, max(1, len(jobs) // 2000)):
            r = chunk[:, None, None]
            adj = self.cost3[chunk] + _price_terms(inst, p, r, f, self.end3[chunk])
            adj += self.nu[None, :, None]
            total += float(adj.reshape(len(chunk), -1).min(axis=1).sum())
        cum = np.cumsum(inst.day_cap, axis=2)
        return total - float((self.mu * cum).sum()) - float((self.nu * inst.slots).sum())

    # -- 2.-5. routing ---------------------------------------------------------
    def route(self, flow: FlowSolution | None = None) -> list[Part]:
        """Round the flow (or, without one, the priced choice of every job) and repair."""
        inst = self.inst
        n_j = len(inst.jobs)
        rows = np.arange(n_j)[:, None]
        self.p = _suffix_sums(self.mu)
        adj = self.cc + _price_terms(inst, self.p, rows, self.cf, self.ce) + self.nu[self.cf]
        adj[~np.isfinite(self.cc)] = np.inf
        if adj.shape[1] > 1:
            srt = np.partition(adj, 1, axis=1)
            with np.errstate(invalid="ignore"):
                regret = np.where(np.isfinite(srt[:, 1]), srt[:, 1] - srt[:, 0], 1e18)
        else:
            regret = np.full(n_j, 1e18)
        self.lp_pref: dict[int, list[tuple[int, int, float]]] = {}
        if flow is None:
            pick = np.argmin(adj, axis=1)
            jobs = np.flatnonzero(self.usable & np.isfinite(adj.min(axis=1, initial=np.inf)))
            f_pick, e_pick = self.cf[jobs, pick[jobs]], self.ce[jobs, pick[jobs]]
            c_pick = self.cc[jobs, pick[jobs]]
        else:
            whole = flow.share > 1 - 1e-6
            frac = np.flatnonzero(~whole & (flow.share > 1e-6))
            frac = frac[np.lexsort((flow.cost[frac], -flow.share[frac], flow.j[frac]))]
            for o in frac.tolist():
                if flow.share[o] >= LP_PREF_SHARE:
                    item = (int(flow.f[o]), int(flow.end[o]), float(flow.cost[o]))
                    self.lp_pref.setdefault(int(flow.j[o]), []).append(item)
            jobs, f_pick, e_pick, c_pick = (
                flow.j[whole],
                flow.f[whole],
                flow.end[whole],
                flow.cost[whole],
            )
        board = Board(inst)
        self.board = board
        self.assign: dict[int, list[tuple[int, int, int]]] = {}  # j -> [(f, e, qty)]
        self.jcost: dict[int, float] = {}  # whole-job cost of single-part assignments
        self.at: dict[int, set[int]] = {}  # factory -> single-part jobs there
        self.touched: list[int] = []  # jobs moved out of the way by a repair
        pool = []
        order = np.lexsort((jobs, -regret[jobs], f_pick))
        for f in np.unique(f_pick).tolist():
            sel = order[f_pick[order] == f]
            js, es, cs = jobs[sel], e_pick[sel], c_pick[sel]
            load = np.zeros(inst.day_cap.shape[1:])
            for c in range(load.shape[0]):
                np.add.at(load[c], es, inst.minutes[js, c])
            ok = len(js) <= board.slots[f] and bool(
                (board.slack[f] - np.cumsum(load, axis=1) >= -EPS).all()
            )
            if ok:  # the whole group fits: book it at once
                board.slack[f] -= np.cumsum(load, axis=1)
                board.smin[f] = board._suffix_min(board.slack[f])
                board.slots[f] -= len(js)
            for j, e, cost in zip(js.tolist(), es.tolist(), cs.tolist(), strict=True):
                need = inst.minutes[j]
                if ok or board.fits(np.array([f]), np.array([e]), need)[0]:
                    if ok:
                        self.assign[j] = [(f, e, int(inst.qty[j]))]
                        self.jcost[j] = float(cost)
                        self.at.setdefault(f, set()).add(j)
                    else:
                        self._place(j, f, e, float(cost))
                else:
                    pool.append(j)
        rest = np.flatnonzero(self.usable)
        in_pool = set(pool)
        pool += [j for j in rest.tolist() if j not in self.assign and j not in in_pool]
        pool.sort(key=lambda j: (-regret[j], j))
        unassigned = [j for j in pool if not self._insert(j)]
        unassigned = [j for j in unassigned if not self._evict_insert(j)]
        unassigned = [j for j in unassigned if not self._evict_many(j)]
        self._improve(pool + self.touched)
        for _ in range(REPAIR_ROUNDS):  # the moves above may have opened room
            if not unassigned:
                break
            unassigned = [j for j in unassigned if not self._insert(j)]
            unassigned = [j for j in unassigned if not self._evict_insert(j)]
            unassigned = [j for j in unassigned if not self._evict_many(j)]
        return [
            Part(j=j, f=f, quantity=q, end=e)
            for j, lst in sorted(self.assign.items())
            for f, e, q in lst
        ]

    def _job_options(self, j: int):
        """(f, t, end, cost, priced cost) of every usable option of job j, cheapest first."""
        c = self.cost3[j].ravel()
        idx = np.flatnonzero(np.isfinite(c))
        f, t = idx // self.n_t, idx % self.n_t
        e = self.end3[j].ravel()[idx]
        priced = c[idx] + _price_terms(self.inst, self.p, j, f, e) + self.nu[f]
        order = np.lexsort((idx, priced))
        return f[order], t[order], e[order], c[idx][order], priced[order]

    # bookkeeping of single-part assignments
    def _place(self, j: int, f: int, e: int, cost: float) -> None:
        self.board.add(f, e, self.inst.minutes[j])
        self.assign[j] = [(f, e, int(self.inst.qty[j]))]
        self.jcost[j] = cost
        self.at.setdefault(f, set()).add(j)

    def _unplace(self, j: int) -> tuple[int, int, float]:
        f, e, _ = self.assign.pop(j)[0]
        self.board.remove(f, e, self.inst.minutes[j])
        self.at[f].discard(j)
        return f, e, self.jcost.pop(j)

    def _insert(self, j: int) -> bool:
        inst, board = self.inst, self.board
        need = inst.minutes[j]
        for f, e, cost in self.lp_pref.get(j, ()):  # the flow's own choice first
            if board.fits(np.array([f]), np.array([e]), need)[0]:
                self._place(j, f, e, cost)
                return True
        f, _, e, cost, _ = self._job_options(j)
        ok = board.fits(f, e, need)
        if ok.any():
            i = int(np.argmax(ok))
            self._place(j, int(f[i]), int(e[i]), float(cost[i]))
            return True
        if inst.splittable[j]:
            return self._insert_split(j, f, e)
        return False

    def _insert_split(self, j: int, fs, es) -> bool:
        """Split in whole units over the cheapest plants, parts >= the minimum."""
        inst, board = self.inst, self.board
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
                self.assign[j] = parts
                return True
        for f, e, units in parts:
            board.remove(f, e, per_unit * units)
        return False

    def _best_move(self, j: int, cur: float, wide: bool = False):
        """Cheapest (delta, f, e, cost, victim, fk, ek, ck) placing the off-board job j at
        cost < ``cur``, directly or by moving one single-part job to another factory.

        ``wide`` (for jobs that are not placed at all) tries every option of j, every
        victim and every option of the victim instead of the cheapest few.
        """
        inst, board = self.inst, self.board
        need = inst.minutes[j]
        f_o, _, e_o, c_o, _ = self._job_options(j)
        sel = np.flatnonzero(c_o < cur - 1e-9)
        sel = sel[np.lexsort((sel, c_o[sel]))]
        sel = sel[: WIDE_OPTIONS if wide else EVICT_OPTIONS]
        best = None
        n_h = inst.horizon
        days = np.arange(n_h)[None, :]
        for i in sel.tolist():
            f, e, cj = int(f_o[i]), int(e_o[i]), float(c_o[i])
            if best is not None and cj - cur >= best[0]:
                break
            if board.fits(np.array([f]), np.array([e]), need)[0]:
                best = (cj - cur, f, e, cj, -1, -1, -1, 0.0)
                break
            victims = np.array(sorted(self.at.get(f, ())), dtype=np.int64)
            if not len(victims):
                continue
            ek = np.array([self.assign[k][0][1] for k in victims.tolist()])
            ok = np.ones(len(victims), dtype=bool)
            for c in np.flatnonzero(need > EPS).tolist():
                free = board.slack[f, c][None, :]
                mat = free + inst.minutes[victims, c][:, None] * (days >= ek[:, None])
                ok &= mat[:, e:].min(axis=1) + EPS >= need[c]
            vk = victims[ok]
            vk = vk[np.lexsort((vk, inst.minutes[vk].sum(axis=1)))]
            vk = vk[: WIDE_VICTIMS if wide else MAX_VICTIMS]
            for k in vk.tolist():
                if wide:
                    fk, _, ek2, ck, _ = self._job_options(k)
                else:
                    fk, ek2, ck = self.cf[k], self.ce[k], self.cc[k]
                fit = board.fits(fk, ek2, inst.minutes[k]) & (fk != f) & np.isfinite(ck)
                if not fit.any():
                    continue
                o = int(np.argmin(np.where(fit, ck, np.inf)))
                delta = cj - cur + float(ck[o]) - self.jcost[k]
                if best is None or delta < best[0] - 1e-9:
                    best = (delta, f, e, cj, k, int(fk[o]), int(ek2[o]), float(ck[o]))
        return best

    def _apply(self, j: int, move) -> None:
        _, f, e, cj, k, fk, ek, ck = move
        if k >= 0:
            self._unplace(k)
            self._place(k, fk, ek, ck)
            self.touched.append(k)
        self._place(j, f, e, cj)

    def _evict_insert(self, j: int) -> bool:
        """Place the unassigned j, moving one job out of its way if need be."""
        move = self._best_move(j, np.inf, wide=True)
        if move is None:
            return False
        self._apply(j, move)
        return True

    def _evict_many(self, j: int) -> bool:
        """Place the unassigned j at one of its factories by moving several jobs away.

        Options cheapest first; at each, jobs there (most minutes first) move to their
        cheapest other place that fits until j fits; otherwise everything is undone.
        """
        inst, board = self.inst, self.board
        need = inst.minutes[j]
        f_o, _, e_o, c_o, _ = self._job_options(j)
        opts = list(zip(f_o.tolist(), e_o.tolist(), c_o.tolist(), strict=True))
        for f, e, cj in opts[:WIDE_OPTIONS]:
            victims = sorted(self.at.get(f, ()), key=lambda k: (-inst.minutes[k].sum(), k))
            victims = victims[:WIDE_VICTIMS]
            moved = []
            for k in victims:
                if board.fits(np.array([f]), np.array([e]), need)[0]:
                    break
                if not np.any((need > EPS) & (inst.minutes[k] > EPS)):
                    continue
                fk, _, ek, ck, _ = self._job_options(k)
                fit = board.fits(fk, ek, inst.minutes[k]) & (fk != f)
                if not fit.any():
                    continue
                o = int(np.argmax(fit))
                old = self._unplace(k)
                self._place(k, int(fk[o]), int(ek[o]), float(ck[o]))
                moved.append((k, old))
            if board.fits(np.array([f]), np.array([e]), need)[0]:
                self._place(j, f, e, float(cj))
                self.touched.extend(k for k, _ in moved)
                return True
            for k, (f0, e0, c0) in reversed(moved):
                self._unplace(k)
                self._place(k, f0, e0, c0)
        return False

    def _improve(self, focus: list[int]) -> None:
        """Move jobs to cheaper options: ``focus`` jobs also by moving another job out
        of the way; every single-part job directly (screened vectorised, then exact)."""
        inst, board = self.inst, self.board
        for j in focus:
            if j not in self.jcost:
                continue
            f0, e0, c0 = self._unplace(j)
            move = self._best_move(j, c0)
            if move is not None and move[0] < -1e-6:
                self._apply(j, move)
            else:
                self._place(j, f0, e0, c0)
        for _ in range(MOVE_PASSES):
            singles = np.array(sorted(self.jcost), dtype=int)
            if not len(singles):
                return
            cur_f = np.array([self.assign[k][0][0] for k in singles.tolist()])
            cur_cost = np.array([self.jcost[k] for k in singles.tolist()])
            cheaper = self.cc[singles] < cur_cost[:, None] - 1e-9
            other = self.cf[singles] != cur_f[:, None]
            ok = cheaper & other & (board.slots[self.cf[singles]] > 0)
            for c in range(len(inst.centres)):
                m = inst.minutes[singles, c][:, None]
                ok &= (m <= EPS) | (board.smin[self.cf[singles], c, self.ce[singles]] + EPS >= m)
            moved = 0
            for i in np.flatnonzero(ok.any(axis=1)).tolist():
                k = int(singles[i])
                f0, e0, c0 = self._unplace(k)
                need = inst.minutes[k]
                cand = np.flatnonzero(self.cc[k] < c0 - 1e-9)
                cand = cand[np.lexsort((cand, self.cc[k, cand]))]
                fits = board.fits(self.cf[k, cand], self.ce[k, cand], need)
                if fits.any():
                    o = int(cand[int(np.argmax(fits))])
                    self._place(k, int(self.cf[k, o]), int(self.ce[k, o]), float(self.cc[k, o]))
                    moved += 1
                else:
                    self._place(k, f0, e0, c0)
            if not moved:
                return
