"""Rounding and repair for large batches: capacity prices, flow rounding, local search.

1. Prices (``prices``): capacity rows priced by projected subgradient steps; they pick
   the flow's extra candidate arcs, order the repair and give a Lagrangian bound.
2. Rounding (``rounding``): jobs the min-cost flow routes whole keep their option where
   they fit; without a flow every job takes its cheapest priced option the same way.
3. Pool and repair (``repair``): the rest, highest regret first, take their cheapest
   option that fits (split if need be); unassigned jobs may move jobs out of the way,
   and CP-SAT re-assigns the few still left out together with the jobs in their way
   (``neighbourhood``).
4. Local search (``local_search``): jobs move to cheaper options that fit; repair is
   retried afterwards.

``board`` keeps the booked minutes as cumulative slack per (factory, centre, day) and
the free queue slots. Everything is deterministic (ties by index).
"""

from .board import Board, Plan
from .prices import CapacityPrices
from .router import LargeRouter

__all__ = ["Board", "CapacityPrices", "LargeRouter", "Plan"]
