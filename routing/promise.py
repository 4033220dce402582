"""Earliest delivery day a storefront can promise from current free capacity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .model import Factory, Job, RoutingParams
from .prepare import EPS, NO_CAPACITY, OK, TOO_FAR, prepare


@dataclass(frozen=True)
class PromiseDay:
    """When the job could arrive: ``delivery_day`` = ``finish_day`` + ``ship_days``, made at
    ``factory_id`` (days counted from today)."""

    delivery_day: int
    factory_id: str
    finish_day: int
    ship_days: int


def earliest_delivery(
    job_template: Job, factories: Sequence[Factory], params: RoutingParams | None = None
) -> PromiseDay | None:
    """First day the job could arrive, made whole at one factory; None if never.

    Ignores the template's due date and other pending work orders (only published
    free minutes count), and does not consider splitting. The day is day-of-work of
    the last minute plus the shipping days of the job's method from that factory, as
    the router counts them. Ties go to the factory that finishes first, then by id.
    """
    params = params or RoutingParams()
    inst = prepare([replace(job_template, due_day=0)], factories, params)
    if not len(inst.factories):
        return None
    usable = np.isin(inst.reason[0], (OK, TOO_FAR, NO_CAPACITY))
    cum = inst.cum_cap()  # (F, C, H)
    need = inst.minutes[0]
    ready = (cum + EPS >= need[None, :, None]).all(axis=1)  # (F, H)
    best: PromiseDay | None = None
    for f in np.flatnonzero(usable & ready.any(axis=1)).tolist():
        finish = int(np.argmax(ready[f]))
        ship = int(inst.ship_days[0, f])
        found = PromiseDay(finish + ship, inst.factories[f].id, finish, ship)
        if best is None or (found.delivery_day, found.finish_day) < (
            best.delivery_day,
            best.finish_day,
        ):
            best = found
    return best


def earliest_delivery_day(
    job_template: Job, factories: Sequence[Factory], params: RoutingParams | None = None
) -> int | None:
    """``earliest_delivery``'s day only."""
    found = earliest_delivery(job_template, factories, params)
    return None if found is None else found.delivery_day
