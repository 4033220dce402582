"""Small hand-solvable routing instances: one centre type 'cnc', Berlin-ish coordinates."""

import pytest

from routing import Factory, Job, RoutingParams

BERLIN = (52.52, 13.40)


def make_factory(fid: str, *, days=range(10), per_day=100.0, rate="1", **kw) -> Factory:
    defaults = dict(
        location=BERLIN,
        capabilities=frozenset({"cnc"}),
        minute_rate={"cnc": rate},
        material_rate={"alu": "2"},
        capacity={("cnc", d): per_day for d in days},
        queue_slots=10,
        quality=0.5,
    )
    defaults.update(kw)
    return Factory(id=fid, **defaults)


def make_job(jid: str, *, minutes=100.0, due=5, qty=10, **kw) -> Job:
    defaults = dict(
        quantity=qty,
        minutes_by_centre={"cnc": minutes},
        due_day=due,
        dest=BERLIN,
        capabilities=frozenset({"cnc"}),
        materials={"alu": 1.0},
    )
    defaults.update(kw)
    return Job(id=jid, **defaults)


@pytest.fixture
def params() -> RoutingParams:
    return RoutingParams(quality_bonus_weight=0)
