"""What is booked so far: capacity slack per (factory, centre, day), queue slots, jobs.

Feasibility is tracked as ``slack[f, c, d] = cum free minutes(d) - cum minutes due by
d``; a job (f, e, m) fits iff ``min(slack[f, c, e:]) >= m_c`` for each centre c, which
the EDF placement turns into a day plan. Queue slots are a plain count checked by every
insertion and move (the flow ignores them, so they are enforced here).
"""

from __future__ import annotations

import numpy as np

from ..prepare import EPS, Instance
from ..schedule import Part
from .prices import CapacityPrices


def suffix_min(a: np.ndarray) -> np.ndarray:
    """Minimum over the last axis from each position to the end."""
    return np.minimum.accumulate(a[..., ::-1], axis=-1)[..., ::-1]


class Board:
    """Slack per (factory, centre, day) and free queue slots of the accepted jobs."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.slack = np.cumsum(inst.day_cap, axis=2)
        self.smin = suffix_min(self.slack)
        self.slots = inst.slots.copy()

    def fits(self, f, e, need: np.ndarray) -> np.ndarray:
        """Vectorised over options (arrays f, e): does ``need`` (C,) fit there now?"""
        ok = self.slots[f] > 0
        for c in np.flatnonzero(need > EPS):
            ok &= self.smin[f, c, e] + EPS >= need[c]
        return ok

    def fits_many(self, f: np.ndarray, e: np.ndarray, need: np.ndarray) -> np.ndarray:
        """(n, k) bool: does job i's ``need[i]`` (C,) fit at options ``(f[i, o], e[i, o])``?"""
        ok = self.slots[f] > 0
        for c in range(need.shape[1]):
            m = need[:, c : c + 1]
            ok &= (m <= EPS) | (self.smin[f, c, e] + EPS >= m)
        return ok

    def fits_one(self, f: int, e: int, need: np.ndarray) -> bool:
        """Does ``need`` (C,) fit at factory f with work by day e now?"""
        if self.slots[f] <= 0:
            return False
        return bool(((self.smin[f, :, e] + EPS >= need) | (need <= EPS)).all())

    def add(self, f: int, e: int, need: np.ndarray, sign: float = 1.0) -> None:
        self.slack[f, :, e:] -= sign * need[:, None]
        self.smin[f] = suffix_min(self.slack[f])
        self.slots[f] -= int(sign)

    def remove(self, f: int, e: int, need: np.ndarray) -> None:
        self.add(f, e, need, sign=-1.0)

    def book_group(self, f: int, load: np.ndarray, count: int) -> None:
        """Book ``load`` (C, H) minutes due by each day and ``count`` jobs at f at once."""
        self.slack[f] -= np.cumsum(load, axis=1)
        self.smin[f] = suffix_min(self.slack[f])
        self.slots[f] -= count


class Plan:
    """The board plus who is where: whole jobs by factory, split jobs by part."""

    def __init__(self, inst: Instance, prices: CapacityPrices):
        self.inst = inst
        self.prices = prices
        self.board = Board(inst)
        self.assign: dict[int, list[tuple[int, int, int]]] = {}  # j -> [(f, e, qty)]
        self.jcost: dict[int, float] = {}  # whole-job cost of single-part assignments
        self.at: dict[int, set[int]] = {}  # factory -> single-part jobs there
        self.touched: list[int] = []  # jobs moved out of the way by a repair
        self.lp_pref: dict[int, list[tuple[int, int, float]]] = {}  # flow's main options
        self.neighbourhoods = 0  # CP-SAT repairs run so far
        self.size = inst.minutes.sum(axis=1)  # (J,) minutes over all centres

    def keep(self, j: int, f: int, e: int, cost: float) -> None:
        """Record j whole at (f, e) whose minutes are already on the board."""
        self.assign[j] = [(f, e, int(self.inst.qty[j]))]
        self.jcost[j] = cost
        self.at.setdefault(f, set()).add(j)

    def place(self, j: int, f: int, e: int, cost: float) -> None:
        """Book j whole at (f, e); the caller has checked that it fits."""
        self.board.add(f, e, self.inst.minutes[j])
        self.keep(j, f, e, cost)

    def unplace(self, j: int) -> tuple[int, int, float]:
        """Take the whole job j off the board; returns its (factory, end, cost)."""
        f, e, _ = self.assign.pop(j)[0]
        self.board.remove(f, e, self.inst.minutes[j])
        self.at[f].discard(j)
        return f, e, self.jcost.pop(j)

    def move(self, j: int, f: int, e: int, cost: float) -> tuple[int, int, float]:
        """Move the whole job j to (f, e); returns where it was."""
        old = self.unplace(j)
        self.place(j, f, e, cost)
        return old

    def parts(self) -> list[Part]:
        """Every booked part, by job index."""
        return [
            Part(j=j, f=f, quantity=q, end=e)
            for j, lst in sorted(self.assign.items())
            for f, e, q in lst
        ]
