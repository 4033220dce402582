from hypothesis import given, settings
from hypothesis import strategies as st

from routing import RoutingParams, route

from .conftest import make_factory, make_job


@st.composite
def instances(draw):
    n_f = draw(st.integers(1, 3))
    factories = [
        make_factory(
            f"f{i}",
            rate=str(draw(st.integers(1, 5))),
            per_day=float(draw(st.integers(0, 120))),
            days=range(draw(st.integers(1, 6))),
            queue_slots=draw(st.integers(0, 3)),
        )
        for i in range(n_f)
    ]
    jobs = [
        make_job(
            f"j{i}",
            minutes=float(draw(st.integers(10, 300))),
            due=draw(st.integers(0, 6)),
            qty=10,
            splittable=draw(st.booleans()),
            min_split_quantity=draw(st.integers(1, 10)),
        )
        for i in range(draw(st.integers(1, 6)))
    ]
    return jobs, factories, draw(st.integers(0, 2))


@settings(max_examples=40, deadline=None)
@given(instances())
def test_never_overbooks_and_never_drops(instance):
    jobs, factories, late = instance
    result = route(jobs, factories, RoutingParams(max_late_days=late))
    cap = {(f.id, slot): m for f in factories for slot, m in f.capacity.items()}
    used: dict = {}
    qty: dict = {}
    for a in result.assignments:
        qty[a.job_id] = qty.get(a.job_id, 0) + a.quantity
        for slot, m in a.reserved.items():
            used[(a.factory_id, slot)] = used.get((a.factory_id, slot), 0) + m
    assert all(m <= cap[key] + 1e-6 for key, m in used.items())
    slots = {f.id: f.queue_slots for f in factories}
    for a in result.assignments:
        slots[a.factory_id] -= 1
    assert min(slots.values()) >= 0
    for job in jobs:
        assert (job.id in result.unroutable) != (job.id in qty)
        if job.id in qty:
            assert qty[job.id] == job.quantity
