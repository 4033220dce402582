"""Paid services a plant performs (gift wrapping, assembly) as operations of the job.

The order line's frozen sale names them (``plant_services`` of the planning snapshot); the
recipe does not. Pure, like the compiler.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from production.recipes.compiler import snapshot_for_quantity

_MINUTES = Decimal("0.01")
# Services come before the final packing step (a gift is wrapped, then boxed to ship).
_LAST = "pack"


def with_service_operations(
    snapshot: Mapping[str, Any], services: Sequence[Mapping[str, Any]], quantity: int
) -> dict[str, Any]:
    """The job ``snapshot`` plus one operation per plant service, minutes and capabilities
    recomputed for ``quantity``. A service sold per piece takes its minutes per piece, one
    sold per order line takes them once. Each operation says ``service`` (its code) and
    ``label`` (its name as sold) so the plant knows it was paid for.
    """
    if not services:
        return dict(snapshot)
    added = []
    for service in services:
        minutes = Decimal(str(service.get("minutes") or 0)).quantize(_MINUTES, ROUND_HALF_UP)
        none = Decimal(0).quantize(_MINUTES)
        per_piece = bool(service.get("per_unit", True))
        added.append(
            {
                "code": service["code"],
                "capability": service["capability"],
                "centre": service["work_centre"],
                "setup_minutes": str(none if per_piece else minutes),
                "run_minutes_per_unit": str(minutes if per_piece else none),
                "service": service["code"],
                "label": dict(service.get("label") or {}),
            }
        )
    operations = list(snapshot["operations"])
    at = len(operations)
    if operations and operations[-1]["capability"] == _LAST:
        at -= 1
    merged = [*operations[:at], *added, *operations[at:]]
    renumbered = [{**op, "seq": seq} for seq, op in enumerate(merged, start=1)]
    capabilities = sorted({*snapshot["capabilities"], *(op["capability"] for op in added)})
    return snapshot_for_quantity(
        {**snapshot, "operations": renumbered, "capabilities": capabilities}, quantity
    )
