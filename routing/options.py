"""Assignment options and the linear model over them.

An option is (job, factory, tier): the job (or, for a split job, a share of it) is made
at the factory with all work on days 0..end, where end = due - ship days + tier, and is
delivered at most ``tier`` days late. Its cost is production - quality bonus (scaling
with the share) plus shipping and ``tier`` x lateness penalty (per shipment).

Model (variables x_o = share of the job made by option o, u_j = job j unassigned):

    min  sum_o cost_o x_o + BIG sum_j u_j
    s.t. sum_{o of j} x_o + u_j = 1                         every job
         sum_{o at f} x_o <= queue slots of f                 every factory
         sum_{o at f, end_o = d} need_oc x_o + r_fcd - r_fc(d-1) <= free_fcd
                                                              every (factory, centre, day)
         x, u, r >= 0

r_fcd is the unused capacity carried from days <= d, so the capacity rows say exactly
"work due by day d fits into days 0..d" for every d, which EDF placement turns into a
day plan. In the MIP, x is binary for whole jobs; a split job's option gets an integer
unit count q = Q x and a binary y (x <= y, x >= min part / Q * y) that carries the
shipping, lateness and queue slot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lp import SparseModel
from .prepare import EPS, OK, Instance


@dataclass
class Options:
    j: np.ndarray
    f: np.ndarray
    tier: np.ndarray
    end: np.ndarray  # last usable day, clipped to the horizon
    split: np.ndarray  # bool: the job may be split
    var_cost: np.ndarray  # production - bonus for the whole job
    fixed_cost: np.ndarray  # shipping + lateness, per shipment

    @property
    def cost(self) -> np.ndarray:
        return self.var_cost + self.fixed_cost

    def __len__(self) -> int:
        return len(self.j)

    def take(self, idx: np.ndarray) -> Options:
        return Options(*(getattr(self, k)[idx] for k in self.__dataclass_fields__))

    @staticmethod
    def concat(parts: list[Options]) -> Options:
        return Options(
            *(np.concatenate([getattr(p, k) for p in parts]) for k in Options.__dataclass_fields__)
        )


def fits(inst: Instance, end: np.ndarray, share: np.ndarray) -> np.ndarray:
    """(J, F) bool: a ``share`` of each job fits into free minutes by ``end`` (alone)."""
    cum = inst.cum_cap()
    clipped = np.clip(end, 0, inst.horizon - 1)
    ok = end >= 0
    f_idx = np.arange(len(inst.factories))[None, :]
    for c in range(len(inst.centres)):
        need = inst.minutes[:, c : c + 1] * share[:, None]
        ok &= cum[:, c, :][f_idx, clipped] + EPS >= need
    return ok


def split_jobs(inst: Instance) -> np.ndarray:
    """(J,) bool: splittable jobs that no single eligible plant can finish on time alone."""
    whole = fits(inst, inst.window_end(0), np.ones(len(inst.jobs))) & (inst.reason == OK)
    return inst.splittable & ~whole.any(axis=1)


def all_options(inst: Instance, split: np.ndarray) -> Options:
    """Every usable option, ordered by (tier, job, factory)."""
    parts = []
    share = np.where(split, inst.min_part / inst.qty, 1.0)
    base = inst.production - inst.bonus
    penalty = float(inst.params.lateness_penalty_per_day)
    for tier in range(inst.params.max_late_days + 1):
        end = inst.window_end(tier)
        usable = (inst.reason == OK) & fits(inst, end, share)
        if tier > 0:  # a later tier adds nothing once the window covers the horizon
            usable &= end - 1 < inst.horizon - 1
        j, f = np.nonzero(usable)
        parts.append(
            Options(
                j=j,
                f=f,
                tier=np.full(len(j), tier),
                end=np.clip(end[j, f], 0, inst.horizon - 1),
                split=split[j],
                var_cost=base[j, f],
                fixed_cost=inst.shipping[j, f] + penalty * tier,
            )
        )
    return Options.concat(parts)


@dataclass
class Layout:
    x: np.ndarray
    u: np.ndarray
    q: np.ndarray  # MIP only: unit counts of split options (index into opts via split_idx)
    y: np.ndarray
    split_idx: np.ndarray
    job_rows: np.ndarray
    queue_rows: np.ndarray
    cap_rows: np.ndarray  # (F, C, H) row index, -1 where absent


def build(
    inst: Instance,
    opts: Options,
    jobs: np.ndarray,
    free: np.ndarray,
    slots: np.ndarray,
    mip: bool,
    big: float,
) -> tuple[SparseModel, Layout]:
    """The model above for the given job indices, free minutes (F, C, H) and slots."""
    m = SparseModel()
    n_f, n_c, n_h = free.shape
    n_o = len(opts)
    x = m.add_cols(n_o, 0.0, 1.0, opts.var_cost if mip else opts.cost, integer=False)
    is_int = np.zeros(n_o, dtype=bool)
    split_idx = np.flatnonzero(opts.split) if mip else np.zeros(0, dtype=np.int64)
    if mip:
        is_int[~opts.split] = True
        m.integer[-1] = is_int
        m.obj[-1] = np.where(opts.split, opts.var_cost, opts.cost)
    u = m.add_cols(len(jobs), 0.0, 1.0, big, integer=mip)
    job_pos = np.full(len(inst.jobs), -1)
    job_pos[jobs] = np.arange(len(jobs))
    job_rows = m.add_rows(len(jobs), 1.0, 1.0)
    m.add_coefs(job_rows[job_pos[opts.j]], x, 1.0)
    m.add_coefs(job_rows, u, 1.0)

    queue_rows = m.add_rows(n_f, -np.inf, slots.astype(float))
    slot_col = x.copy()
    q = y = np.zeros(0, dtype=np.int64)
    if mip and len(split_idx):
        qty = inst.qty[opts.j[split_idx]].astype(float)
        q = m.add_cols(len(split_idx), 0.0, qty, 0.0, integer=True)
        y = m.add_cols(len(split_idx), 0.0, 1.0, opts.fixed_cost[split_idx], integer=True)
        link = m.add_rows(len(split_idx), 0.0, 0.0)  # Q x - q = 0
        m.add_coefs(link, x[split_idx], qty)
        m.add_coefs(link, q, -1.0)
        upper = m.add_rows(len(split_idx), -np.inf, 0.0)  # x - y <= 0
        m.add_coefs(upper, x[split_idx], 1.0)
        m.add_coefs(upper, y, -1.0)
        lower = m.add_rows(len(split_idx), 0.0, np.inf)  # x - min/Q y >= 0
        m.add_coefs(lower, x[split_idx], 1.0)
        m.add_coefs(lower, y, -inst.min_part[opts.j[split_idx]] / qty)
        slot_col[split_idx] = y
    m.add_coefs(queue_rows[opts.f], slot_col, 1.0)

    cap_rows = np.full((n_f, n_c, n_h), -1, dtype=np.int64)
    for c in range(n_c):
        need = inst.minutes[opts.j, c]
        used = need > EPS
        fs = np.unique(opts.f[used])
        if not len(fs):
            continue
        rows = m.add_rows(len(fs) * n_h, -np.inf, free[fs, c, :].ravel()).reshape(len(fs), n_h)
        cap_rows[fs, c, :] = rows
        r = m.add_cols(len(fs) * n_h, 0.0, np.inf, 0.0).reshape(len(fs), n_h)
        m.add_coefs(rows.ravel(), r.ravel(), 1.0)
        m.add_coefs(rows[:, 1:].ravel(), r[:, :-1].ravel(), -1.0)
        m.add_coefs(cap_rows[opts.f[used], c, opts.end[used]], x[used], need[used])
    layout = Layout(x, u, q, y, split_idx, job_rows, queue_rows, cap_rows)
    return m, layout
