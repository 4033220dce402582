"""The large-batch router: prices, flow rounding, repair and local search in order."""

from __future__ import annotations

from ..flow import FlowSolution
from ..prepare import Instance
from ..schedule import Part
from .board import Plan
from .local_search import improve
from .prices import CapacityPrices
from .repair import repair
from .rounding import regrets, round_flow

REPAIR_ROUNDS = 2


class LargeRouter:
    """Capacity prices for the flow's candidates, then rounding of its solution."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.prices = CapacityPrices(inst)
        self.cost3, self.end3 = self.prices.cost3, self.prices.end3

    def price(self) -> None:
        self.prices.price()

    def cheapest(self, k_real: int, k_priced: int):
        """(J, F * T) bool: each job's ``k_real`` cheapest options and ``k_priced``
        cheapest at current prices."""
        return self.prices.cheapest(k_real, k_priced)

    def lagrangian_bound(self) -> float:
        """Valid lower bound on the cost of any routing that assigns every routable job."""
        return self.prices.lagrangian_bound()

    def route(self, flow: FlowSolution | None = None) -> list[Part]:
        """Round the flow (or, without one, the priced choice of every job) and repair.

        Returns the booked parts; a job without parts could not be placed.
        """
        plan = Plan(self.inst, self.prices)
        self.plan = plan
        priced = self.prices.candidate_priced_costs()
        pool = round_flow(plan, priced, regrets(priced), flow)
        unassigned = repair(plan, pool, self.inst.params.seed)
        improve(plan, pool + plan.touched)
        for _ in range(REPAIR_ROUNDS):  # the moves above may have opened room
            if not unassigned:
                break
            unassigned = repair(plan, unassigned, self.inst.params.seed)
        return plan.parts()
