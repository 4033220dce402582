"""Place assigned minutes on days, earliest deadline first, and check for overbooking.

The solvers only guarantee the aggregated condition "for every day d, the minutes of
parts due by d fit into the free minutes of days 0..d" per (factory, centre). Filling
each part into the earliest free days, parts taken in order of their last usable day,
turns that condition into a day-by-day plan; this is the classic EDF argument.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .prepare import EPS, Instance


@dataclass(frozen=True)
class Part:
    """``quantity`` units of job ``j`` (index) on factory ``f``, work by day ``end``."""

    j: int
    f: int
    quantity: int
    end: int


def fill_earliest(free: np.ndarray, need: np.ndarray, end: int) -> dict[tuple[int, int], float]:
    """Take ``need[c]`` minutes per centre from ``free[c, 0..end]`` (mutated in place).

    Returns {(centre index, day): minutes}. Raises ValueError, leaving ``free``
    untouched, when some centre lacks the minutes by ``end``.
    """
    end = min(end, free.shape[1] - 1)
    if end < 0 and need.max(initial=0.0) > EPS:
        raise ValueError("no day left before the due date")
    for c in np.flatnonzero(need > EPS):
        if free[c, : end + 1].sum() + EPS < need[c]:
            raise ValueError("not enough free minutes before the due date")
    taken: dict[tuple[int, int], float] = {}
    for c in np.flatnonzero(need > EPS):
        left = float(need[c])
        for d in range(end + 1):
            if left <= EPS:
                break
            use = min(left, float(free[c, d]))
            if use > EPS:
                free[c, d] -= use
                taken[(int(c), d)] = use
                left -= use
        if left > EPS:  # only float dust can get here after the check above
            taken[(int(c), end)] = taken.get((int(c), end), 0.0) + left
            free[c, end] -= left
    return taken


def place_parts(
    inst: Instance, parts: list[Part]
) -> tuple[dict[Part, dict[tuple[int, int], float]], set[int]]:
    """EDF placement of all parts. Returns (reserved per part, job indices that failed).

    A job fails when any of its parts does not fit; its other parts are released so a
    job is always placed in full or not at all.
    """
    free = inst.day_cap.copy()
    placed: dict[Part, dict[tuple[int, int], float]] = {}
    failed: set[int] = set()
    for part in sorted(parts, key=lambda p: (p.f, p.end, p.j)):
        need = inst.minutes[part.j] * (part.quantity / inst.qty[part.j])
        try:
            placed[part] = fill_earliest(free[part.f], need, part.end)
        except ValueError:
            failed.add(part.j)
    if failed:
        keep = [p for p in parts if p.j not in failed]
        if len(keep) < len(parts):
            placed_again, more = place_parts(inst, keep)
            return placed_again, failed | more
    return placed, failed


def place_edf(inst: Instance, parts: list[Part]) -> dict[Part, dict[tuple[int, int], float]]:
    """Vectorised EDF day plan for parts that satisfy the cumulative capacity rows.

    Returns {part: {(centre index, day): minutes}}. Per (factory, centre), parts in order
    of (end, job) take consecutive stretches of the cumulative free-minute axis; a part's
    share of day d is the overlap of its stretch with that day's. Parts the rows do not
    admit (float dust aside) are clipped to their end day, as ``fill_earliest`` does.
    """
    taken: list[dict[tuple[int, int], float]] = [{} for _ in parts]
    if not parts:
        return {}
    j = np.array([p.j for p in parts])
    f = np.array([p.f for p in parts])
    e = np.minimum(np.array([p.end for p in parts]), inst.horizon - 1)
    share = np.array([p.quantity for p in parts]) / inst.qty[j]
    cum = np.cumsum(inst.day_cap, axis=2)
    for c in range(len(inst.centres)):
        need = inst.minutes[j, c] * share
        idx = np.flatnonzero(need > EPS)
        if not len(idx):
            continue
        idx = idx[np.lexsort((j[idx], e[idx], f[idx]))]
        fs, es = f[idx], e[idx]
        start_of_group = np.r_[True, fs[1:] != fs[:-1]]
        csum = np.cumsum(need[idx])
        base = np.maximum.accumulate(np.where(start_of_group, csum - need[idx], 0.0))
        hi = csum - base
        lo = hi - need[idx]
        positions = idx.tolist()
        for i, d, use in _stretch_days(cum[:, c, :], fs, es, lo, hi):
            taken[positions[i]][(c, d)] = use
    return dict(zip(parts, taken, strict=True))


def _stretch_days(cum_c: np.ndarray, fs, es, lo, hi):
    """Yield (position, day, minutes) of the stretches [lo, hi) on the axes ``cum_c[fs]``.

    Days run from the one the stretch starts in to the first that covers it, at most to
    the part's end day (the rest is clipped to it); all parts advance one day per step.
    """
    flat = cum_c.ravel()
    n_h = cum_c.shape[1]
    row = fs * n_h
    day = np.minimum(_search_rows(cum_c, fs, lo + EPS), es)
    left = hi - lo
    active = np.arange(len(fs))
    while len(active):
        dd, ff, bb, ee = day[active], row[active], hi[active], es[active]
        bound = flat[ff + dd]
        prev = np.where(dd > 0, flat[ff + np.maximum(dd - 1, 0)], 0.0)
        top = np.where(dd == ee, bb, np.minimum(bb, bound))
        use = np.minimum(top - np.maximum(lo[active], prev), left[active])
        rec = use > EPS
        yield from zip(active[rec].tolist(), dd[rec].tolist(), use[rec].tolist(), strict=True)
        left[active[rec]] -= use[rec]
        done = (left[active] <= EPS) | (bound >= bb) | (dd >= ee)
        day[active] += 1
        active = active[~done]


def _search_rows(cum_c: np.ndarray, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``searchsorted(cum_c[r], v, side="right")`` for each (r, v) pair, vectorised."""
    return (cum_c[rows] <= values[:, None]).sum(axis=1)
