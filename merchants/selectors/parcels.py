"""Where a merchant order's items and parcels stand, for the API and the webhooks."""

from __future__ import annotations

from typing import Any

from merchants.models import MerchantOrder


def merchant_order_parcels(order: MerchantOrder) -> list[dict[str, Any]]:
    """Each parcel: carrier, tracking number, shipped and delivered times (ISO) and which
    lines (by position, from 0) it holds."""
    if order.sandbox or order.order_id is None:
        return list(order.sandbox_parcels)
    assert order.order is not None
    # .all(): the order list prefetches lines and shipments (no query per order).
    line_nos = {line.pk: line.line_no for line in order.order.lines.all()}
    return [
        {
            "carrier": s.carrier,
            "tracking_number": s.tracking_number,
            "shipped_at": s.shipped_at.isoformat(),
            "delivered_at": s.delivered_at.isoformat() if s.delivered_at else None,
            "lines": sorted(
                {line_nos[c["line_id"]] - 1 for c in s.contents if c.get("line_id") in line_nos}
            ),
        }
        for s in order.order.shipments.all()
    ]


def merchant_order_items(order: MerchantOrder) -> list[dict[str, Any]]:
    """Per line: what it is and where it stands (its order's status; a shipped line once
    a parcel holds it)."""
    parcels = merchant_order_parcels(order)
    out = []
    for i, line in enumerate(order.lines):
        in_parcels = [p for p in parcels if i in p.get("lines", [])]
        status = order.status
        if in_parcels:
            status = "delivered" if all(p["delivered_at"] for p in in_parcels) else "shipped"
        out.append({**line, "status": status})
    return out
