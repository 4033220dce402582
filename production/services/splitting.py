"""Dividing one work order's quantity between plants, as parts of the same order line.

Routing splits only when no single plant can make the whole quantity by the due date;
the split itself is planning's ``work_order_split`` (parts share the order line, so the
customer's timeline follows them together; ``(order_line_id, part)`` is unique).
"""

from __future__ import annotations

from collections.abc import Sequence

from production.models import WorkOrder
from production.services.splits import work_order_split


def work_order_split_for_routing(
    *, work_order_id: int, quantities: Sequence[int], actor: str
) -> list[WorkOrder]:
    """Split a pending or unroutable work order into parts of these quantities."""
    return work_order_split(work_order_id=work_order_id, quantities=list(quantities), actor=actor)
