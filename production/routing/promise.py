"""Earliest delivery day a storefront can promise from current free capacity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .model import Factory, Job, RoutingParams
from .prepare import EPS, NO_CAPACITY, OK, TOO_FAR, prepare


def earliest_delivery_day(
    job_template: Job, factories: Sequence[Factory], params: RoutingParams | None = None
) -> int | None:
    """First day the job could arrive, made whole at one factory; None if never.

    Ignores the template's due date and other pending work orders (only published
    free minutes count), and does not consider splitting. The day is day-of-work of
    the last minute plus shipping days.
    """
    params = params or RoutingParams()
    inst = prepare([replace(job_template, due_day=0)], factories, params)
    if not len(inst.factories):
        return None
    usable = np.isin(inst.reason[0], (OK, TOO_FAR, NO_CAPACITY))
    cum = inst.cum_cap()  # (F, C, H)
    need = inst.minutes[0]
    ready = (cum + EPS >= need[None, :, None]).all(axis=1)  # (F, H)
    best: int | None = None
    for f in np.flatnonzero(usable & ready.any(axis=1)).tolist():
        day = int(np.argmax(ready[f])) + int(inst.ship_days[0, f])
        best = day if best is None else min(best, day)
    return best
