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
