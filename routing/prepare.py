"""Turn jobs and factories into index-aligned numpy arrays the solvers share.

Jobs and factories are sorted by id so that results never depend on input order.
For every (job, factory) pair the first failing check is kept as a reason code; the
pair is eligible when the code is ``OK``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .costs import distance_matrix, ship_days
from .model import Factory, Job, Quote, RoutingParams

OK, MISSING_CAPABILITY, MISSING_MATERIAL, INACTIVE, DECLINED, NO_QUEUE_SLOT = range(6)
TOO_FAR, NO_CAPACITY = 6, 7
PAIR_REASONS = {
    MISSING_CAPABILITY: "lacks a required capability or work-centre type",
    MISSING_MATERIAL: "does not stock a required material",
    INACTIVE: "factory is not active",
    DECLINED: "factory declined this work order",
    NO_QUEUE_SLOT: "factory has no free queue slot",
    TOO_FAR: "shipping alone takes longer than the time left to the due date",
    NO_CAPACITY: "not enough free capacity on the days before the due date",
}
EPS = 1e-6


@dataclass
class Instance:
    """Arrays indexed [job, factory, centre, day]; see module docstring."""

    jobs: list[Job]
    factories: list[Factory]
    centres: list[str]
    params: RoutingParams
    minutes: np.ndarray  # (J, C) total minutes per centre
    qty: np.ndarray  # (J,) units
    min_part: np.ndarray  # (J,) smallest part in units (= qty when not splittable)
    splittable: np.ndarray  # (J,) bool
    day_cap: np.ndarray  # (F, C, H) free minutes per day
    slots: np.ndarray  # (F,) queue slots
    production: np.ndarray  # (J, F) production cost of the whole job
    shipping: np.ndarray  # (J, F) per shipment
    bonus: np.ndarray  # (J, F) quality bonus for the whole job
    ship_days: np.ndarray  # (J, F) int
    last_day: np.ndarray  # (J, F) last on-time work day (may be negative)
    reason: np.ndarray  # (J, F) int8 reason code, OK for pairs the solver may use

    @property
    def horizon(self) -> int:
        return self.day_cap.shape[2]

    def cum_cap(self) -> np.ndarray:
        """(F, C, H) free minutes on days 0..d inclusive."""
        return np.cumsum(self.day_cap, axis=2)

    def window_end(self, tier: int) -> np.ndarray:
        """(J, F) last usable day when delivering ``tier`` days late (may be < 0)."""
        return self.last_day + tier


def _flags(items: Sequence[frozenset[str] | set[str]], vocab: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(items), max(len(vocab), 1)), dtype=np.float64)
    for i, names in enumerate(items):
        for name in names:
            out[i, vocab[name]] = 1.0
    return out


def _pair_sums(per_job: np.ndarray, per_factory: np.ndarray) -> np.ndarray:
    """(J, F) sums over the shared last axis, ``per_job @ per_factory.T`` without BLAS.

    The last axis is a handful of centres, materials or capabilities; BLAS would run
    these on its thread pool, whose threads then spin for a while after each call:
    that cost more CPU (~0.15 s per 10,000 x 100 routing) than the products.
    """
    return np.einsum("jk,fk->jf", per_job, per_factory)


def _quotes(jobs: Sequence[Job], f_pos: dict[str, int]) -> dict[tuple[int, int], Quote]:
    """(job, factory) index -> the factory's quote for the job, for factories present."""
    return {
        (i, f_pos[fid]): quote
        for i, job in enumerate(jobs)
        for fid, quote in sorted(job.quotes.items())
        if fid in f_pos
    }


def prepare(jobs: Sequence[Job], factories: Sequence[Factory], params: RoutingParams) -> Instance:
    """Build the shared arrays. Raises ValueError on duplicate ids."""
    jobs = sorted(jobs, key=lambda j: j.id)
    factories = sorted(factories, key=lambda f: f.id)
    for kind, items in (("job", jobs), ("factory", factories)):
        ids = [x.id for x in items]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate {kind} ids")
    n_j, n_f = len(jobs), len(factories)
    centres = sorted(
        {c for j in jobs for c in j.minutes_by_centre}
        | {c for f in factories for c in f.minute_rate}
        | {c for f in factories for c, _ in f.capacity}
    )
    c_idx = {c: i for i, c in enumerate(centres)}
    materials = sorted(
        {m for j in jobs for m in j.materials} | {m for f in factories for m in f.material_rate}
    )
    m_idx = {m: i for i, m in enumerate(materials)}
    caps = sorted(
        {c for j in jobs for c in j.capabilities} | {c for f in factories for c in f.capabilities}
    )
    k_idx = {c: i for i, c in enumerate(caps)}

    minutes = np.zeros((n_j, len(centres)))
    mat_qty = np.zeros((n_j, max(len(materials), 1)))
    for i, j in enumerate(jobs):
        for c, m in j.minutes_by_centre.items():
            minutes[i, c_idx[c]] = float(m)
        for material, q in j.materials.items():
            mat_qty[i, m_idx[material]] = float(q)
    minute_rate = np.zeros((n_f, len(centres)))
    has_centre = np.zeros((n_f, len(centres)))
    mat_rate = np.zeros((n_f, max(len(materials), 1)))
    has_mat = np.zeros_like(mat_rate)
    horizon = 1 + max((d for f in factories for _, d in f.capacity), default=0)
    day_cap = np.zeros((n_f, len(centres), horizon))
    for i, f in enumerate(factories):
        for c, r in f.minute_rate.items():
            minute_rate[i, c_idx[c]], has_centre[i, c_idx[c]] = float(r), 1.0
        for material, r in f.material_rate.items():
            mat_rate[i, m_idx[material]], has_mat[i, m_idx[material]] = float(r), 1.0
        for (c, d), avail in f.capacity.items():
            if d >= 0:
                free = float(avail) - float(f.reserved.get((c, d), 0.0))
                day_cap[i, c_idx[c], d] = max(free, 0.0)

    dist = distance_matrix(
        np.array([j.dest for j in jobs], dtype=float).reshape(n_j, 2),
        np.array([f.location for f in factories], dtype=float).reshape(n_f, 2),
    )
    sdays = ship_days(
        dist * np.array([j.ship_speed for j in jobs], dtype=float).reshape(n_j, 1),
        np.array([f.ship_days_per_1000km for f in factories], dtype=float),
    ) + np.array([j.handling_days for j in jobs], dtype=np.int64).reshape(n_j, 1)
    due = np.array([j.due_day for j in jobs], dtype=np.int64)
    qty = np.array([j.quantity for j in jobs], dtype=np.int64)
    quality = np.array([f.quality for f in factories], dtype=float)

    needs_centre = (minutes > 0).astype(float)
    needs_mat = (mat_qty > 0).astype(float)
    missing_cap = _pair_sums(
        _flags([j.capabilities for j in jobs], k_idx),
        1.0 - _flags([f.capabilities for f in factories], k_idx),
    )
    missing_cap += _pair_sums(needs_centre, 1.0 - has_centre)
    missing_mat = _pair_sums(needs_mat, 1.0 - has_mat)
    reason = np.full((n_j, n_f), OK, dtype=np.int8)
    f_pos = {f.id: i for i, f in enumerate(factories)}
    declined = np.zeros((n_j, n_f), dtype=bool)
    for i, j in enumerate(jobs):
        for fid in j.excluded_factories:
            if fid in f_pos:
                declined[i, f_pos[fid]] = True
    inactive = ~np.array([f.active for f in factories], dtype=bool)
    slots = np.array([max(f.queue_slots, 0) for f in factories], dtype=np.int64)
    quoted = _quotes(jobs, f_pos)
    for (ji, fi), quote in quoted.items():
        sdays[ji, fi] += max(int(quote.extra_days), 0)
    last_day = due[:, None] - sdays
    min_part = np.array(
        [
            min(j.min_split_quantity, j.quantity) if j.splittable and not j.quotes else j.quantity
            for j in jobs
        ],
        dtype=np.int64,
    )
    cum = np.cumsum(day_cap, axis=2)
    end = np.clip(last_day + params.max_late_days, 0, horizon - 1)
    share = (min_part / qty)[:, None]
    fits = np.ones((n_j, n_f), dtype=bool)
    for ci in range(len(centres)):
        avail = cum[:, ci, :][np.arange(n_f)[None, :], end]
        fits &= avail + EPS >= minutes[:, ci : ci + 1] * share
    # Later checks first so that earlier (more basic) reasons overwrite them.
    reason[~fits] = NO_CAPACITY
    reason[last_day + params.max_late_days < 0] = TOO_FAR
    reason[:, slots <= 0] = NO_QUEUE_SLOT
    reason[declined] = DECLINED
    reason[:, inactive] = INACTIVE
    reason[missing_mat > 0] = MISSING_MATERIAL
    reason[missing_cap > 0] = MISSING_CAPABILITY

    production = _pair_sums(minutes, minute_rate) + _pair_sums(mat_qty, mat_rate)
    shipping = dist * float(params.shipping_cost_per_km)
    for (ji, fi), quote in quoted.items():
        if quote.price is not None:
            # The quoted price is the whole payout: production is what shipping leaves.
            production[ji, fi] = max(float(quote.price) - shipping[ji, fi], 0.0)
    bonus = float(params.quality_bonus_weight) * quality[None, :] * qty[:, None]
    for i, j in enumerate(jobs):
        for fid in j.preferred_factories:
            if fid in f_pos:
                bonus[i, f_pos[fid]] += float(params.preferred_bonus)
    return Instance(
        jobs=jobs,
        factories=factories,
        centres=centres,
        params=params,
        minutes=minutes,
        qty=qty,
        min_part=min_part,
        splittable=np.array([j.splittable and not j.quotes for j in jobs], dtype=bool),
        day_cap=day_cap,
        slots=slots,
        production=production,
        shipping=shipping,
        bonus=bonus,
        ship_days=sdays,
        last_day=last_day,
        reason=reason,
    )
