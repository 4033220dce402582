"""The large-batch path (min-cost flow + rounding + repair), forced on small instances."""

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing import RoutingParams, route
from routing.flow import solve_flow
from routing.heuristic.prices import CapacityPrices
from routing.prepare import prepare
from routing.result import Explanations

from .conftest import make_factory, make_job
from .test_properties import instances

FLOW = RoutingParams(quality_bonus_weight=0, exact_mip_max_jobs=0)


def by_job(result):
    return {a.job_id: a for a in result.assignments}


def usage(result):
    used: dict = {}
    for a in result.assignments:
        for slot, m in a.reserved.items():
            used[(a.factory_id, slot)] = used.get((a.factory_id, slot), 0) + m
    return used


def test_flow_path_is_used():
    result = route([make_job("j1")], [make_factory("a")], FLOW)
    assert result.method == "flow+repair"
    assert by_job(result)["j1"].factory_id == "a"


def test_capability_filter_on_flow_path():
    factories = [make_factory("cheap", rate="0.1", capabilities=frozenset()), make_factory("ok")]
    assert by_job(route([make_job("j1")], factories, FLOW))["j1"].factory_id == "ok"


def test_capacity_by_day_on_flow_path():
    # 3 jobs of 100 min due day 1; factory a has 100/day on days 0..1 and lots later
    jobs = [make_job(f"j{i}", due=1) for i in range(3)]
    a = make_factory("a", capacity={("cnc", d): (100.0 if d < 2 else 1000.0) for d in range(10)})
    result = route(jobs, [a, make_factory("b", rate="5")], FLOW)
    assert sorted(x.factory_id for x in result.assignments) == ["a", "a", "b"]
    assert all(d <= 1 for x in result.assignments for _, d in x.reserved)
    assert max(usage(result).values()) <= 100 + 1e-6


def test_lateness_tier_on_flow_path():
    params = RoutingParams(
        max_late_days=2, lateness_penalty_per_day=10, quality_bonus_weight=0, exact_mip_max_jobs=0
    )
    result = route([make_job("j1", due=2)], [make_factory("a", days=[3, 4])], params)
    assert by_job(result)["j1"].late_days == 1
    assert by_job(result)["j1"].lateness_penalty == Decimal("10.00")


def test_queue_slots_on_flow_path():
    jobs = [make_job(f"j{i}", minutes=10) for i in range(3)]
    factories = [make_factory("a", queue_slots=1), make_factory("b", rate="3")]
    result = route(jobs, factories, FLOW)
    assert sorted(x.factory_id for x in result.assignments) == ["a", "b", "b"]


def test_split_on_flow_path():
    job = make_job("j1", minutes=300, qty=30, due=1, splittable=True, min_split_quantity=5)
    result = route([job], [make_factory("a"), make_factory("b", rate="2")], FLOW)
    parts = sorted((a.factory_id, a.quantity) for a in result.assignments)
    assert sum(q for _, q in parts) == 30 and len(parts) == 2
    assert all(q >= 5 for _, q in parts)
    assert max(usage(result).values()) <= 100 + 1e-6


def test_repair_evicts_to_assign_everyone():
    # big needs all of a (cheap); small sits on a first in cost order but fits on b too
    jobs = [make_job("big", minutes=200, due=1), make_job("small", minutes=50, due=1)]
    factories = [
        make_factory("a", rate="1", days=range(2)),
        make_factory("b", rate="3", days=range(2), per_day=30),
    ]
    result = route(jobs, factories, FLOW)
    assert not result.unroutable
    assert by_job(result)["big"].factory_id == "a"
    assert by_job(result)["small"].factory_id == "b"


def test_deterministic_on_flow_path():
    jobs = [make_job(f"j{i}", minutes=40 + 7 * i, due=2 + i % 3) for i in range(30)]
    factories = [make_factory(f, rate=r, per_day=150) for f, r in zip("cab", "123", strict=True)]
    first = route(jobs, factories, FLOW)
    second = route(list(reversed(jobs)), list(reversed(factories)), FLOW)
    assert first.assignments == second.assignments
    assert first.unroutable == second.unroutable
    assert first.explanations == second.explanations


def test_explanations_are_lazy_and_can_be_restricted():
    jobs = [make_job("j1"), make_job("j2")]
    factories = [make_factory("a"), make_factory("b", rate="2")]
    result = route(jobs, factories, FLOW)
    assert isinstance(result.explanations, Explanations)
    assert result.explanations._cache == {}  # nothing built until asked
    assert list(result.explanations) == ["j1", "j2"]
    assert result.explanations["j1"][0].factory_id == "a"
    assert set(result.explanations._cache) == {"j1"}
    only = route(jobs, factories, FLOW, explain=["j2"])
    assert list(only.explanations) == ["j2"]
    assert route(jobs, factories, FLOW, explain=False).explanations == {}


def _planted(seed: int, n_jobs: int = 40, n_fac: int = 5, slack: float = 0.1):
    """Capacity made from a hidden assignment, so routing every job is possible."""
    rng = np.random.default_rng(seed)
    rates = rng.integers(1, 6, n_fac)
    load = np.zeros((n_fac, 10))
    jobs = []
    for i in range(n_jobs):
        minutes = float(rng.integers(20, 200))
        due = int(rng.integers(1, 10))
        f = int(rng.integers(0, n_fac))
        load[f, : due + 1] += minutes / (due + 1)
        jobs.append(make_job(f"j{i:02d}", minutes=minutes, due=due))
    factories = [
        make_factory(
            f"f{f}",
            rate=str(rates[f]),
            capacity={("cnc", d): float(np.ceil(load[f, d] * (1 + slack))) for d in range(10)},
            queue_slots=n_jobs,
        )
        for f in range(n_fac)
    ]
    return jobs, factories


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000))
def test_planted_instances_fully_routed_and_bound_is_below(seed):
    jobs, factories = _planted(seed)
    result = route(jobs, factories, FLOW)
    assert not result.unroutable
    inst = prepare(jobs, factories, FLOW)
    flow = solve_flow(inst, max_rounds=50)
    assert flow.routes_all and flow.exact
    assert flow.bound <= float(result.objective) + 1e-6
    exact = route(jobs, factories, RoutingParams(quality_bonus_weight=0))
    if not exact.unroutable:  # the relaxation bounds the MIP optimum too
        assert flow.bound <= float(exact.objective) + 0.01


@settings(max_examples=40, deadline=None)
@given(instances())
def test_flow_path_never_overbooks_and_never_drops(instance):
    jobs, factories, late = instance
    result = route(jobs, factories, RoutingParams(max_late_days=late, exact_mip_max_jobs=0))
    cap = {(f.id, slot): m for f in factories for slot, m in f.capacity.items()}
    assert all(m <= cap[key] + 1e-6 for key, m in usage(result).items())
    slots = {f.id: f.queue_slots for f in factories}
    qty: dict = {}
    for a in result.assignments:
        slots[a.factory_id] -= 1
        qty[a.job_id] = qty.get(a.job_id, 0) + a.quantity
        job = next(j for j in jobs if j.id == a.job_id)
        assert a.delivery_day <= job.due_day + late
    assert min(slots.values()) >= 0
    for job in jobs:
        assert (job.id in result.unroutable) != (job.id in qty)
        if job.id in qty:
            assert qty[job.id] == job.quantity


def test_multi_centre_jobs_fit_on_every_centre():
    # the flow routes on cnc (the bottleneck); paint is checked in rounding
    def factory(fid, rate, paint):
        return make_factory(
            fid,
            rate=rate,
            minute_rate={"cnc": rate, "paint": rate},
            capacity={("cnc", d): 100.0 for d in range(4)}
            | {("paint", d): paint for d in range(4)},
        )

    jobs = [
        make_job(f"j{i}", minutes=None, due=3, minutes_by_centre={"cnc": 60.0, "paint": 40.0})
        for i in range(6)
    ]
    result = route(jobs, [factory("a", "1", 50.0), factory("b", "2", 400.0)], FLOW)
    assert not result.unroutable
    cap = {"cnc": 100.0, "paint": 50.0}
    for (fid, (centre, _)), m in usage(result).items():
        assert m <= (cap[centre] if fid == "a" else 400.0) + 1e-6
    assert sum(a.factory_id == "a" for a in result.assignments) == 5  # paint: 200 / 40


def test_edge_cases_on_flow_path():
    assert route([make_job("j")], [], FLOW).unroutable["j"].code == "no_capable_factory"
    assert route([], [make_factory("a")], FLOW).assignments == []
    no_work = make_job("z", minutes_by_centre={})
    result = route([no_work], [make_factory("a"), make_factory("b", rate="2")], FLOW)
    assert by_job(result)["z"].factory_id == "a" and by_job(result)["z"].reserved == {}
    empty = route([make_job("j")], [make_factory("a", capacity={})], FLOW)
    assert empty.unroutable["j"].code == "no_capacity_before_due_date"


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.0, 0.2, 2.0]))
def test_cheapest_options_are_those_of_pricing_every_option(seed, slack):
    # 30 factories: more than the 12 candidates each job is priced on
    jobs, factories = _planted(seed, n_jobs=120, n_fac=30, slack=slack)
    prices = CapacityPrices(prepare(jobs, factories, FLOW))
    prices.price()
    n_j = len(jobs)
    priced = np.empty((n_j, prices.cost3[0].size))
    for chunk, block in prices._priced_blocks(np.arange(n_j)):
        priced[chunk] = block
    real = prices.cost3.reshape(n_j, -1)

    def k_smallest(values, k):
        return [sorted(v[np.isfinite(v)])[:k] for v in values]

    for k_real, k_priced in ((5, 0), (0, 5), (0, 12)):
        marked = prices.cheapest(k_real, k_priced)
        values = real if k_priced == 0 else priced
        k = max(k_real, k_priced)
        got = [sorted(values[j, marked[j]]) for j in range(n_j)]
        assert got == k_smallest(values, k)
    best = np.where(np.isfinite(priced), priced, np.inf).min(axis=1)
    assert prices.lagrangian_bound() == pytest.approx(
        prices._dual_value(float(best[prices.usable].sum())), rel=1e-12
    )
