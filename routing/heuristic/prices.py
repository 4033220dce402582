"""Capacity prices: candidate options, projected subgradient steps, Lagrangian bound.

``mu[f, c, d] >= 0`` prices the cumulative capacity row "minutes of centre c at factory
f due by day d <= free minutes of days 0..d" and ``nu[f]`` the queue slots. A job's
option (f, end e) then costs ``cost + sum_c m_jc * sum_{d >= e} mu[f, c, d] + nu[f]``.
A few dozen projected subgradient steps on the candidate options (the ``K_FACTORIES``
cheapest factories of each job, every tier) move work away from over-booked factories.
The prices pick the flow's extra candidate arcs, order the repair, and give a valid
Lagrangian lower bound (over *all* options).
"""

from __future__ import annotations

import functools

import numpy as np

from ..flow import option_costs
from ..prepare import EPS, Instance

K_FACTORIES = 12
PRICE_ROUNDS = 30
CHUNK = 2000  # jobs per block when pricing all (J, F, T) options


def suffix_sums(mu: np.ndarray) -> np.ndarray:
    """Sum over the last axis from each position to the end."""
    return np.cumsum(mu[..., ::-1], axis=-1)[..., ::-1]


def price_terms(inst: Instance, p: np.ndarray, rows, f, e) -> np.ndarray:
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


class CapacityPrices:
    """Option costs (J, F, T), each job's candidate options and the prices on them."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.cost3, self.end3 = option_costs(inst)
        n_j, n_f, n_t = self.cost3.shape
        self.n_t = n_t
        # (J, F) cheapest tier; numpy's min over a short last axis is ~9x slower
        best_f = functools.reduce(np.minimum, [self.cost3[:, :, t] for t in range(n_t)])
        k = min(K_FACTORIES, n_f)
        part = np.argpartition(best_f, k - 1, axis=1)[:, :k] if n_f else np.zeros((n_j, 0), int)
        # Real cost of each job's cheapest option off its candidates (prices only add).
        self.off_candidates = (
            np.partition(best_f, k, axis=1)[:, k] if n_f > k else np.full(n_j, np.inf)
        )
        part = np.sort(part, axis=1)
        self.cf = np.repeat(part, n_t, axis=1)  # (J, K*T) candidate factory
        self.ct = np.tile(np.arange(n_t), k)[None, :].repeat(n_j, axis=0)
        rows = np.arange(n_j)[:, None]
        self.cc = self.cost3[rows, self.cf, self.ct]
        self.ce = self.end3[rows, self.cf, self.ct]
        self.usable = self.cost3.reshape(n_j, -1).min(axis=1, initial=np.inf) < np.inf
        self.mu = np.zeros(inst.day_cap.shape)
        self.nu = np.zeros(n_f)
        self.p = suffix_sums(self.mu)
        self._bound: float | None = None
        self._options: dict[int, tuple] = {}
        # Where each job's candidates read p: its first centre with minutes for all jobs
        # at once (most jobs have one), then each further centre for the jobs using it.
        _, n_c, n_h = inst.day_cap.shape
        uses = inst.minutes > EPS
        first = np.argmax(uses, axis=1)
        m_first = np.where(uses.any(axis=1), inst.minutes[np.arange(n_j), first], 0.0)
        self._first = m_first[:, None], (self.cf * n_c + first[:, None]) * n_h + self.ce
        self._more = []
        for c in range(n_c):
            rows_c = np.flatnonzero(uses[:, c] & (first != c))
            flat = (self.cf[rows_c] * n_c + c) * n_h + self.ce[rows_c]
            self._more.append((rows_c, inst.minutes[rows_c, c][:, None], flat))

    def candidate_priced_costs(self) -> np.ndarray:
        """(J, K*T) priced cost of every candidate option (inf where unusable)."""
        pf = self.p.ravel()
        m_first, flat_first = self._first
        adj = self.cc + self.nu[self.cf]
        adj += m_first * pf[flat_first]
        for rows_c, m_c, flat in self._more:
            if len(rows_c):
                adj[rows_c] += m_c * pf[flat]
        return adj

    def price(self, rounds: int = PRICE_ROUNDS, step0: float = 2.0, decay: float = 0.93) -> None:
        """Projected subgradient steps on the candidates; sets ``mu``, ``nu`` and ``p``."""
        inst = self.inst
        n_f, n_c, n_h = inst.day_cap.shape
        cum = np.cumsum(inst.day_cap, axis=2)
        jobs = np.flatnonzero(self.usable)
        if not len(jobs):
            return
        best = self.cc[jobs].min(axis=1)
        tot = inst.minutes[jobs].sum(axis=1)
        cpm = float(np.median(best / np.maximum(tot, 1.0)))
        for k in range(rounds):
            self.p = suffix_sums(self.mu)
            adj = self.candidate_priced_costs()
            pick = np.argmin(adj if len(jobs) == len(adj) else adj[jobs], axis=1)
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
        self.p = suffix_sums(self.mu)
        self._bound = None
        self._options = {}

    def _priced_blocks(self, jobs: np.ndarray):
        """Yield (block of job indices, (block, F * T) priced cost of every option)."""
        n_f = self.cost3.shape[1]
        f = np.arange(n_f)[None, :, None]
        for chunk in np.array_split(jobs, max(1, len(jobs) // CHUNK)):
            adj = self.cost3[chunk] + price_terms(
                self.inst, self.p, chunk[:, None, None], f, self.end3[chunk]
            )
            yield chunk, (adj + self.nu[None, :, None]).reshape(len(chunk), -1)

    def cheapest(self, k_real: int, k_priced: int) -> np.ndarray:
        """(J, F * T) bool: each job's ``k_real`` cheapest options at real cost and its
        ``k_priced`` cheapest at current prices.

        The real ones are among the candidates while ``k_real <= K_FACTORIES``. So are the
        priced ones of every job whose ``k_priced``-th cheapest priced candidate costs
        less than its cheapest other option at real cost (prices only add); all options
        are priced only for the rest. The same pass keeps the Lagrangian bound of these
        prices for ``lagrangian_bound``.
        """
        n_j, n_f, n_t = self.cost3.shape
        out = np.zeros((n_j, n_f * n_t), dtype=bool)
        everyone = np.arange(n_j)
        self._mark_cheapest(out, everyone, self.cc, k_real)
        if k_priced <= 0:
            return out
        adj = self.candidate_priced_costs()
        low, settled = self._mark_cheapest(out, everyone, adj, k_priced, self.off_candidates)
        total = float(low[self.usable & settled].sum())
        unsettled = np.flatnonzero(~settled)
        for chunk, adj_all in self._priced_blocks(unsettled) if len(unsettled) else ():
            low, _ = self._mark_cheapest(out, chunk, adj_all, k_priced, every_option=True)
            total += float(low[self.usable[chunk]].sum())
        self._bound = self._dual_value(total)
        return out

    def _mark_cheapest(self, out, rows, values, k, below=None, every_option=False):
        """Mark in ``out`` the ``k`` cheapest finite entries of each row of ``values``
        (candidates, or every option). Returns each row's cheapest and whether it was
        marked: with ``below``, only rows whose k-th cheapest is below it are."""
        k = min(k, values.shape[1])
        if k <= 0:
            return np.full(len(rows), np.inf), np.zeros(len(rows), dtype=bool)
        part = np.argpartition(values, k - 1, axis=1)[:, :k]
        cheapest = np.take_along_axis(values, part, 1)
        low, kth = cheapest.min(axis=1), cheapest.max(axis=1)
        if not every_option:  # candidate column -> option column
            f, t = (
                np.take_along_axis(self.cf[rows], part, 1),
                np.take_along_axis(self.ct[rows], part, 1),
            )
            part = f * self.n_t + t
        marked = np.ones(len(rows), dtype=bool) if below is None else kth < below[rows]
        ok = np.isfinite(cheapest) & marked[:, None]
        out[np.broadcast_to(rows[:, None], ok.shape)[ok], part[ok]] = True
        return low, marked

    def lagrangian_bound(self) -> float:
        """Valid lower bound on the cost of any routing that assigns every routable job."""
        if self._bound is not None:
            return self._bound
        jobs = np.flatnonzero(self.usable)
        if not len(jobs):
            return 0.0
        total = sum(float(adj.min(axis=1).sum()) for _, adj in self._priced_blocks(jobs))
        return self._dual_value(total)

    def _dual_value(self, priced_minimum: float) -> float:
        cum = np.cumsum(self.inst.day_cap, axis=2)
        return (
            priced_minimum - float((self.mu * cum).sum()) - float((self.nu * self.inst.slots).sum())
        )

    def job_options(self, j: int):
        """(f, t, end, cost, priced cost) of every usable option of job j, cheapest first.

        Kept per job until the prices change; callers must not modify the arrays.
        """
        if j not in self._options:
            self._options[j] = self._job_options(j)
        return self._options[j]

    def _job_options(self, j: int):
        c = self.cost3[j].ravel()
        idx = np.flatnonzero(np.isfinite(c))
        f, t = idx // self.n_t, idx % self.n_t
        e = self.end3[j].ravel()[idx]
        priced = c[idx] + price_terms(self.inst, self.p, j, f, e) + self.nu[f]
        order = np.lexsort((idx, priced))
        return f[order], t[order], e[order], c[idx][order], priced[order]
