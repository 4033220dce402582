"""Input and output dataclasses of the routing optimizer.

Plain frozen dataclasses, no Django: the production app converts its work orders,
factories and capacity slots into these and reads the result back.

Days are integers counted from today (day 0). A job's work on a work-centre type may
be spread over several days and its minutes on different centre types are independent
(no precedence between centres inside one factory).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

Money = Decimal | float
LatLon = tuple[float, float]
Slot = tuple[str, int]  # (work-centre type, day)


@dataclass(frozen=True)
class Quote:
    """A factory's own terms for a whole job (its counter-offer): ``price`` replaces its
    rate-card cost (production and shipping together; None keeps the rate card), and its
    delivery comes ``extra_days`` later than its rate card and distance would plan."""

    price: Money | None = None
    extra_days: int = 0


@dataclass(frozen=True)
class Job:
    """A work order waiting for a factory.

    ``minutes_by_centre`` is the total for the whole ``quantity``; ``materials`` the
    total material units for the whole quantity. A splittable job may be divided in
    whole units between plants, each part at least ``min_split_quantity`` units.
    """

    id: str
    quantity: int
    minutes_by_centre: Mapping[str, float]
    due_day: int
    dest: LatLon
    capabilities: frozenset[str] = frozenset()
    materials: Mapping[str, float] = field(default_factory=dict)
    excluded_factories: frozenset[str] = frozenset()
    splittable: bool = False
    min_split_quantity: int = 1
    # The shipping method the customer bought: its transit is ``handling_days`` plus the
    # plant's days per 1000 km times ``ship_speed`` (below 1 for express).
    handling_days: int = 0
    ship_speed: float = 1.0
    # Factory id -> its counter-offer for this job; a quoted job is never split.
    quotes: Mapping[str, Quote] = field(default_factory=dict)
    # Factories this job should go to when they can make it in time (a service visit's
    # plant that made the item): each gets ``RoutingParams.preferred_bonus`` off its cost.
    preferred_factories: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.quantity < 1:
            raise ValueError(f"job {self.id}: quantity must be >= 1")
        if self.min_split_quantity < 1:
            raise ValueError(f"job {self.id}: min_split_quantity must be >= 1")
        if any(m < 0 for m in self.minutes_by_centre.values()):
            raise ValueError(f"job {self.id}: negative minutes")


@dataclass(frozen=True)
class Factory:
    """A partner factory and its published capacity.

    ``capacity`` maps (work-centre type, day) to available minutes; ``reserved`` the
    minutes already promised to accepted work (subtracted, never below zero).
    ``minute_rate`` is the cost per operation minute by centre type: a centre type
    without a rate counts as a missing capability. ``material_rate`` is the cost per
    material unit for every material the factory stocks.
    """

    id: str
    location: LatLon
    capabilities: frozenset[str]
    minute_rate: Mapping[str, Money]
    material_rate: Mapping[str, Money]
    capacity: Mapping[Slot, float]
    queue_slots: int
    quality: float = 0.5
    ship_days_per_1000km: float = 1.0
    reserved: Mapping[Slot, float] = field(default_factory=dict)
    active: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.quality <= 1.0:
            raise ValueError(f"factory {self.id}: quality must be in 0..1")


@dataclass(frozen=True)
class RoutingParams:
    """Weights of the objective and knobs of the solver.

    ``quality_bonus_weight`` is money per unit produced per quality point, so a part
    of q units made at quality s earns ``weight * s * q``. ``max_late_days`` lets the
    router deliver up to that many days after the due date, at
    ``lateness_penalty_per_day`` each; 0 means on time or not at all.

    Batches of at most ``exact_mip_max_jobs`` jobs are solved by SCIP (node-limited);
    larger ones by the min-cost-flow router, whose network starts from about
    ``candidates_per_job`` options per job (half cheapest, half cheapest at capacity
    prices).
    """

    shipping_cost_per_km: Money = Decimal("0.50")
    lateness_penalty_per_day: Money = Decimal("50")
    quality_bonus_weight: Money = Decimal("1")
    # Steers a job to its preferred factories (not money paid, like the quality bonus).
    preferred_bonus: Money = Decimal("1000")
    max_late_days: int = 0
    seed: int = 0
    candidates_per_job: int = 8
    exact_mip_max_jobs: int = 50  # above this the flow router runs (SCIP gets slow)
    mip_node_limit: int = 5000


@dataclass(frozen=True)
class Assignment:
    """One part of a job (the whole job unless split) placed on one factory."""

    job_id: str
    factory_id: str
    quantity: int
    reserved: dict[Slot, float]
    production_cost: Decimal
    shipping_cost: Decimal
    lateness_penalty: Decimal
    quality_bonus: Decimal
    total_cost: Decimal
    late_days: int
    delivery_day: int


@dataclass(frozen=True)
class Unroutable:
    """Why a job got no factory; ``code`` is stable, ``text`` is for people."""

    code: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """One factory considered for a job, with its cost if it had the whole job."""

    factory_id: str
    production_cost: Decimal | None
    shipping_cost: Decimal | None
    lateness_penalty: Decimal | None
    quality_bonus: Decimal | None
    total: Decimal | None
    chosen: bool
    why_not: str | None


@dataclass(frozen=True)
class RoutingResult:
    """Assignments (sorted by job id, factory id), unroutable jobs and explanations.

    ``objective`` is the sum of ``total_cost`` over assignments; ``lower_bound`` is the
    LP relaxation bound when the solver computed one (None for the greedy baseline).
    """

    assignments: list[Assignment]
    unroutable: dict[str, Unroutable]
    explanations: Mapping[str, list[Candidate]]  # lazy: built per job on first access
    objective: Decimal
    solve_seconds: float
    lower_bound: Decimal | None = None
    method: str = ""
