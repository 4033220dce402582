"""CP-SAT neighbourhood repair: a left-out job placed by re-assigning the jobs in its way."""

import numpy as np

from routing import RoutingParams, route
from routing.heuristic import CapacityPrices, Plan
from routing.heuristic.neighbourhood import repair_neighbourhood
from routing.heuristic.repair import evict_insert, evict_many, insert
from routing.prepare import EPS, prepare
from routing.schedule import place_edf

from .conftest import make_factory, make_job

FLOW = RoutingParams(quality_bonus_weight=0, exact_mip_max_jobs=0)
# Three plants with 100 minutes on day 0; the six jobs fill them exactly as
# a: 50 + 50, b: 60 + 40, c: 70 + 30 (every job is due on day 0).
MINUTES = {"u50": 50, "v50": 50, "w60": 60, "x40": 40, "y70": 70, "z30": 30}
# A plan the rounding can leave: 10, 10 and 30 minutes free, no room for u50.
STUCK = {"v50": "a", "x40": "a", "w60": "b", "z30": "b", "y70": "c"}


def tight_instance():
    jobs = [make_job(jid, minutes=float(m), due=0) for jid, m in MINUTES.items()]
    factories = [
        make_factory(fid, rate=rate, days=[0], per_day=100.0)
        for fid, rate in (("a", "1"), ("b", "2"), ("c", "3"))
    ]
    return jobs, factories


def stuck_plan():
    jobs, factories = tight_instance()
    inst = prepare(jobs, factories, FLOW)
    plan = Plan(inst, CapacityPrices(inst))
    job = {j.id: i for i, j in enumerate(inst.jobs)}
    plant = {f.id: i for i, f in enumerate(inst.factories)}
    for jid, fid in STUCK.items():
        j, f = job[jid], plant[fid]
        plan.place(j, f, 0, float(plan.prices.cost3[j, f, 0]))
    return plan, job["u50"]


def used_minutes(plan) -> np.ndarray:
    used = np.zeros_like(plan.inst.day_cap)
    for part, days in place_edf(plan.inst, plan.parts()).items():
        for (c, d), m in days.items():
            used[part.f, c, d] += m
    return used


def test_insertion_and_evictions_cannot_place_the_left_out_job():
    plan, u = stuck_plan()
    assert not insert(plan, u)
    assert not evict_insert(plan, u)  # no single move makes 50 minutes of room
    assert not evict_many(plan, u)
    assert u not in plan.assign and len(plan.assign) == 5


def test_cp_sat_places_it_by_reassigning_the_jobs_in_its_way():
    plan, u = stuck_plan()
    assert repair_neighbourhood(plan, [u], seed=7) == []
    assert sorted(plan.assign) == list(range(6))  # every job, each whole on one plant
    assert (plan.board.slack >= -EPS).all()
    assert (used_minutes(plan) <= plan.inst.day_cap + 1e-6).all()
    by_plant = {}
    for j, [(f, _, _)] in plan.assign.items():
        by_plant.setdefault(plan.inst.factories[f].id, []).append(plan.inst.minutes[j, 0])
    assert {fid: sum(m) for fid, m in by_plant.items()} == {"a": 100, "b": 100, "c": 100}


def test_cp_sat_repair_is_deterministic():
    first, u = stuck_plan()
    second, _ = stuck_plan()
    repair_neighbourhood(first, [u], seed=3)
    repair_neighbourhood(second, [u], seed=3)
    assert first.assign == second.assign


def test_tight_instance_routed_in_full_without_overbooking():
    jobs, factories = tight_instance()
    result = route(jobs, factories, FLOW)
    assert not result.unroutable
    used: dict = {}
    for a in result.assignments:
        for slot, m in a.reserved.items():
            used[(a.factory_id, slot)] = used.get((a.factory_id, slot), 0) + m
    assert all(m <= 100 + 1e-6 for m in used.values())
    assert sorted(a.quantity for a in result.assignments) == [10] * 6  # none split
