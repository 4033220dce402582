from decimal import Decimal

import pytest

from routing import RoutingParams, earliest_delivery_day, route, route_greedy

from .conftest import make_factory, make_job

MUNICH = (48.14, 11.58)


def by_job(result):
    return {a.job_id: a for a in result.assignments}


def test_cheapest_capable_factory_wins(params):
    # given two capable factories, one cheaper per minute
    factories = [make_factory("a", rate="2"), make_factory("b", rate="1")]
    # when routing one job
    result = route([make_job("j1")], factories, params)
    # then the cheaper one gets it, at 100 min x 1 + 1 alu x 2
    assert by_job(result)["j1"].factory_id == "b"
    assert by_job(result)["j1"].production_cost == Decimal("102.00")


def test_capability_filter(params):
    factories = [make_factory("cheap", rate="0.1", capabilities=frozenset()), make_factory("ok")]
    assert by_job(route([make_job("j1")], factories, params))["j1"].factory_id == "ok"


def test_material_filter(params):
    factories = [make_factory("cheap", rate="0.1", material_rate={}), make_factory("ok")]
    assert by_job(route([make_job("j1")], factories, params))["j1"].factory_id == "ok"


def test_capacity_after_due_date_is_not_used(params):
    # the cheap factory only has minutes on day 5; the job must be worked on days 0..2
    cheap = make_factory("cheap", rate="0.1", days=[5], per_day=1000)
    result = route([make_job("j1", due=2)], [cheap, make_factory("ok")], params)
    assert by_job(result)["j1"].factory_id == "ok"
    assert all(day <= 2 for _, day in by_job(result)["j1"].reserved)
    alone = route([make_job("j1", due=2)], [cheap], params)
    assert alone.unroutable["j1"].code == "no_capacity_before_due_date"


def test_capacity_is_shared_and_never_overbooked(params):
    # 3 jobs of 100 min due day 1: factory a has 100/day on days 0..1 -> only two fit
    jobs = [make_job(f"j{i}", due=1) for i in range(3)]
    result = route(jobs, [make_factory("a"), make_factory("b", rate="5")], params)
    counts = [a.factory_id for a in result.assignments]
    assert sorted(counts) == ["a", "a", "b"]
    used = {}
    for a in result.assignments:
        for slot, m in a.reserved.items():
            used[(a.factory_id, slot)] = used.get((a.factory_id, slot), 0) + m
    assert max(used.values()) <= 100 + 1e-6


def test_lateness_penalty_when_allowed():
    # the only factory is free on days 3..4 but the job is due day 2 (same city, 0 ship days)
    late_ok = RoutingParams(max_late_days=2, lateness_penalty_per_day=10, quality_bonus_weight=0)
    factory = make_factory("a", days=[3, 4])
    result = route([make_job("j1", due=2)], [factory], late_ok)
    assert by_job(result)["j1"].late_days == 1
    assert by_job(result)["j1"].lateness_penalty == Decimal("10.00")
    strict = route([make_job("j1", due=2)], [factory], RoutingParams())
    assert strict.unroutable["j1"].code == "no_capacity_before_due_date"


def test_shipping_time_eats_into_the_window(params):
    # Munich is ~500 km away: 1 ship day at 2 days/1000 km, so a day-1 job may use day 0 only
    far = make_factory("far", location=MUNICH, ship_days_per_1000km=2.0, days=[1])
    result = route([make_job("j1", due=1, dest=(52.52, 13.40))], [far], params)
    assert result.unroutable["j1"].code == "no_capacity_before_due_date"


def test_queue_slots(params):
    jobs = [make_job("j1"), make_job("j2")]
    factories = [make_factory("a", queue_slots=1), make_factory("b", rate="3")]
    assert sorted(a.factory_id for a in route(jobs, factories, params).assignments) == ["a", "b"]


def test_declined_factory_is_excluded(params):
    job = make_job("j1", excluded_factories=frozenset({"a"}))
    result = route([job], [make_factory("a"), make_factory("b", rate="3")], params)
    assert by_job(result)["j1"].factory_id == "b"
    alone = route([job], [make_factory("a")], params)
    assert alone.unroutable["j1"].code == "all_capable_factories_declined"


def test_unroutable_reasons(params):
    jobs = [make_job("nocap", capabilities=frozenset({"laser"})), make_job("fine")]
    result = route(jobs, [make_factory("a")], params)
    assert result.unroutable["nocap"].code == "no_capable_factory"
    assert "fine" not in result.unroutable
    inactive = route([make_job("j")], [make_factory("a", active=False)], params)
    assert inactive.unroutable["j"].code == "no_active_capable_factory"


def test_split_when_no_single_plant_meets_due_date(params):
    # 300 minutes due day 1; each plant has 100 min/day on days 0..1 -> 200 each
    job = make_job("j1", minutes=300, qty=30, due=1, splittable=True, min_split_quantity=5)
    result = route([job], [make_factory("a"), make_factory("b", rate="2")], params)
    parts = sorted((a.factory_id, a.quantity) for a in result.assignments)
    assert sum(q for _, q in parts) == 30
    assert [f for f, _ in parts] == ["a", "b"]
    assert all(q >= 5 for _, q in parts)
    assert dict(parts)["a"] == 20  # the cheaper plant takes all it can


def test_not_split_when_one_plant_suffices(params):
    job = make_job("j1", minutes=100, splittable=True)
    result = route([job], [make_factory("a"), make_factory("b")], params)
    assert len(result.assignments) == 1 and result.assignments[0].quantity == 10


def test_deterministic(params):
    jobs = [make_job(f"j{i}", minutes=50 + i) for i in range(8)]
    factories = [make_factory(f, rate="1") for f in "cab"]
    first = route(jobs, factories, params)
    second = route(list(reversed(jobs)), list(reversed(factories)), params)
    assert first.assignments == second.assignments
    assert first.explanations == second.explanations


def test_explanations_list_every_factory(params):
    factories = [
        make_factory("a"),
        make_factory("b", rate="2"),
        make_factory("c", capabilities=frozenset()),
    ]
    result = route([make_job("j1")], factories, params)
    cands = {c.factory_id: c for c in result.explanations["j1"]}
    assert set(cands) == {"a", "b", "c"}
    assert cands["a"].chosen and cands["a"].why_not is None
    assert "more than the chosen" in cands["b"].why_not
    assert "capability" in cands["c"].why_not


def test_greedy_same_contract(params):
    jobs = [make_job("j1"), make_job("nocap", capabilities=frozenset({"laser"}))]
    result = route_greedy(jobs, [make_factory("a")], params)
    assert by_job(result)["j1"].factory_id == "a"
    assert result.unroutable["nocap"].code == "no_capable_factory"


def test_earliest_delivery_day(params):
    factories = [make_factory("a", days=[3, 4]), make_factory("b", days=[6])]
    assert earliest_delivery_day(make_job("t", minutes=150), factories, params) == 4
    assert earliest_delivery_day(make_job("t", minutes=500), factories, params) is None


@pytest.mark.parametrize("method", [route, route_greedy])
def test_no_factories(method, params):
    result = method([make_job("j1")], [], params)
    assert result.unroutable["j1"].code == "no_capable_factory"


def test_a_preferred_factory_wins_when_it_can_and_only_then(params):
    """A service visit goes back to the plant that made the item: preferred over a cheaper
    plant when it can do the job in time, passed over when it cannot."""
    factories = [make_factory("cheap", rate="1"), make_factory("maker", rate="3")]
    preferred = make_job("j1", preferred_factories=frozenset({"maker"}))
    assert by_job(route([preferred], factories, params))["j1"].factory_id == "maker"
    assert by_job(route([make_job("j1")], factories, params))["j1"].factory_id == "cheap"

    busy_maker = [make_factory("cheap", rate="1"), make_factory("maker", rate="3", days=[])]
    assert by_job(route([preferred], busy_maker, params))["j1"].factory_id == "cheap"
