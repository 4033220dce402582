"""Which factory was shown which customer's address, and when (first time only)."""

from __future__ import annotations

from collections.abc import Iterable

from production.models import AddressReveal, WorkOrder


def address_reveals_record(*, work_orders: Iterable[WorkOrder], via: str) -> None:
    """Record that each work order's factory was just shown its shipping address.

    Only the first showing per (work order, factory) is kept, in one ``INSERT … ON
    CONFLICT DO NOTHING`` and no read, so reading work again costs one cheap statement.
    Work orders whose address is not their factory's to see are skipped. ``via`` says
    where: ``api`` or ``admin``.
    """
    rows = [
        AddressReveal(work_order_id=wo.pk, factory_id=wo.factory_id, via=via)
        for wo in work_orders
        if wo.factory_id is not None and wo.address_visible_to_factory()
    ]
    if rows:
        AddressReveal.objects.bulk_create(rows, ignore_conflicts=True)
