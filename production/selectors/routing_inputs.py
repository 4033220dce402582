"""What a work order needs from a plant: minutes per work-centre type and materials.

``work_minutes`` is the one adapter between what planning writes into the snapshot and
what routing needs; when recipes carry ``minutes_by_centre`` it reads them, until then it
derives minutes from the snapshot's operations or from a default per capability.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from production.geo import destination
from routing import Job, Quote

# capability -> (work-centre type, setup minutes per work order, minutes per unit).
CAPABILITY_CENTRES: dict[str, tuple[str, float, float]] = {
    "dtg_print": ("dtg_printer", 5, 3),
    "screen_print": ("screen_press", 30, 1),
    "uv_print": ("uv_printer", 5, 2),
    "laser_engrave": ("fibre_laser", 5, 4),
    "embroider": ("embroidery_machine", 10, 6),
    "cut_fabric": ("cutting_table", 10, 8),
    "sew": ("sewing_line", 10, 25),
    "cnc_cut": ("cnc_router", 20, 45),
    "assemble": ("assembly_bench", 10, 60),
    "finish": ("finishing_booth", 10, 40),
    "qc": ("qc_bench", 2, 1),
    "pack": ("packing", 2, 1),
    # A repair or maintenance visit at the customer's: a service crew's time.
    "repair": ("service_crew", 30, 90),
}
# Further stations a plant with the capability runs (the recipes' operations use them).
SUPPORTING_CENTRES = {"dtg_print": ("pretreat_station", "heat_press"), "pack": ("crating",)}


def centre_types(capabilities: Iterable[str]) -> list[str]:
    """Work-centre types a plant with these capabilities runs (for seeding and tests)."""
    types = set()
    for capability in capabilities:
        if capability in CAPABILITY_CENTRES:
            types.add(CAPABILITY_CENTRES[capability][0])
            types.update(SUPPORTING_CENTRES.get(capability, ()))
    return sorted(types)


def work_minutes(
    *, snapshot: Mapping[str, Any], quantity: int, capabilities: Iterable[str]
) -> dict[str, float]:
    """Total operation minutes per work-centre type to make ``quantity`` units.

    In order of preference: the snapshot's ``minutes_by_centre`` (planning's totals for
    the line's quantity, scaled when the work order is a split part), its ``operations``
    (``centre_type``/``work_centre`` with ``minutes_per_unit`` and ``setup_minutes``),
    else ``CAPABILITY_CENTRES``. Whole minutes, rounded up, so the capacity booked is
    never less than the work.
    """
    line_quantity = int(snapshot.get("line_quantity") or quantity)
    if snapshot.get("minutes_by_centre"):
        share = quantity / line_quantity
        raw = {c: float(m) * share for c, m in snapshot["minutes_by_centre"].items()}
    else:
        raw = _operation_minutes(snapshot.get("operations") or [], quantity)
    if not raw:
        for capability in capabilities:
            if capability in CAPABILITY_CENTRES:
                centre, setup, per_unit = CAPABILITY_CENTRES[capability]
                raw[centre] = raw.get(centre, 0.0) + setup + per_unit * quantity
    return {c: float(math.ceil(m - 1e-9)) for c, m in sorted(raw.items()) if m > 0}


def work_materials(*, snapshot: Mapping[str, Any], quantity: int) -> dict[str, float]:
    """Material units for ``quantity`` units: the snapshot's ``materials`` totals (scaled
    like minutes) or its bill of materials (``material`` with ``quantity`` per unit)."""
    line_quantity = int(snapshot.get("line_quantity") or quantity)
    if isinstance(snapshot.get("materials"), Mapping) and snapshot["materials"]:
        share = quantity / line_quantity
        return {m: float(q) * share for m, q in sorted(snapshot["materials"].items())}
    out: dict[str, float] = {}
    for item in snapshot.get("bill_of_materials") or []:
        if isinstance(item, Mapping) and item.get("material"):
            per_unit = float(item.get("quantity", item.get("per_unit", 1)) or 0)
            out[item["material"]] = out.get(item["material"], 0.0) + per_unit * quantity
    return {m: q for m, q in sorted(out.items()) if q > 0}


def _operation_minutes(operations: Iterable[Any], quantity: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for op in operations:
        if not isinstance(op, Mapping):
            continue
        centre = op.get("centre_type") or op.get("work_centre") or op.get("centre")
        if not centre:
            continue
        minutes = float(op.get("setup_minutes", 0) or 0)
        minutes += float(op.get("minutes_per_unit", 0) or 0) * quantity
        minutes += float(op.get("minutes", 0) or 0)
        out[centre] = out.get(centre, 0.0) + minutes
    return out


def routing_job(
    *,
    job_id: str,
    work_order: Any,
    today: date,
    excluded: Iterable[str] = (),
    fallback_dest: tuple[float, float] = (0.0, 0.0),
    quotes: Mapping[str, Quote] | None = None,
) -> Job:
    """The optimizer's view of a work order (``job_id`` keeps the optimizer's sort order)."""
    capabilities = list(work_order.required_capabilities or [])
    quantity = work_order.quantity
    # The shipping method the customer bought, as the promise counted its transit.
    delivery = (work_order.snapshot or {}).get("delivery") or {}
    return Job(
        id=job_id,
        quantity=quantity,
        minutes_by_centre=work_minutes(
            snapshot=work_order.snapshot, quantity=quantity, capabilities=capabilities
        ),
        due_day=(work_order.due_date - today).days,
        dest=destination(work_order.ship_to or {}) or fallback_dest,
        capabilities=frozenset(capabilities),
        materials=work_materials(snapshot=work_order.snapshot, quantity=quantity),
        excluded_factories=frozenset(excluded),
        splittable=quantity >= 2,
        min_split_quantity=max(1, quantity // 4),
        handling_days=int(delivery.get("handling_days", 0)),
        ship_speed=float(delivery.get("ship_speed", 1.0)),
        quotes=dict(quotes or {}),
        # A service visit goes back to the plant that made the item when it can do it.
        preferred_factories=frozenset(
            [work_order.snapshot["preferred_plant"]]
            if (work_order.snapshot or {}).get("preferred_plant")
            else []
        ),
    )
