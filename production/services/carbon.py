"""A work order's carbon footprint: estimated when offered, energy measured by the plant.

Both write ``WorkOrder.carbon`` and report the footprint to the order through
``production_feedback`` so the order page shows it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound
from orders.services.production_feedback import order_footprint_report
from production.carbon import CarbonInputs, carbon_estimate, energy_kg_for_kwh
from production.geo import destination
from production.geo.places import distance_km
from production.models import Factory, WorkOrder, WorkOrderEvent, WorkOrderEventType
from production.models.work_order_status import COMMITTED, WorkOrderStatus
from production.selectors.carbon import carbon_factors, centre_power, transport_mode

# Work a plant has accepted, up to and after delivery.
MEASURABLE = COMMITTED | {WorkOrderStatus.DELIVERED}


def work_order_carbon_estimate(*, work_order: WorkOrder, factory: Factory) -> dict[str, Any]:
    """The footprint of ``work_order`` made at ``factory``, from the snapshot (BOM totals,
    minutes per work-centre type), the plant's grid and the distance to the customer.
    Reads only; the caller stores it (with the factory, in the offer's transaction)."""
    snapshot = work_order.snapshot or {}
    minutes = {c: Decimal(str(m)) for c, m in (snapshot.get("minutes_by_centre") or {}).items()}
    origin = factory.shipping_origin
    to = destination(work_order.ship_to or {}) or origin
    km = distance_km(origin, to)
    method = ((snapshot.get("delivery") or {}).get("method")) or ""
    factors = carbon_factors(
        factory=factory, mode=transport_mode(shipping_method=method, distance_km=km)
    )
    inputs = CarbonInputs(
        bill_of_materials=[
            line for line in snapshot.get("bill_of_materials") or [] if isinstance(line, dict)
        ],
        minutes_by_centre=minutes,
        power_kw=centre_power(factory=factory, centres=minutes),
        distance_km=Decimal(str(round(km, 1))),
        extra={"factory": factory.code, "estimated_at": timezone.now().isoformat()},
    )
    return carbon_estimate(inputs, factors)


def work_order_footprint_report(*, work_order: WorkOrder) -> None:
    """Tell the order what this work order's footprint now is (call in the transaction)."""
    order_footprint_report(
        order_id=work_order.order_id,
        work_order_number=work_order.number,
        footprint=_for_order(work_order.carbon),
    )


def work_order_energy_report(
    *, factory: Factory, work_order_id: int, kwh: Decimal, actor: str
) -> WorkOrder:
    """Replace the energy estimate of the plant's work order by its measured ``kwh``.

    Only for work the plant has accepted (``Conflict`` code ``not_in_hand`` otherwise,
    ``NotFound`` for another plant's work). Reporting the same figure again changes
    nothing; a new figure replaces the last one. Returns the work order.
    """
    with transaction.atomic():
        try:
            work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if work_order.factory_id != factory.pk:
            raise NotFound("No such work order.")
        if work_order.status not in MEASURABLE:
            raise Conflict(
                "Energy is reported for work you have accepted.",
                code="not_in_hand",
                extra={"current_status": work_order.status},
            )
        footprint = work_order.carbon or work_order_carbon_estimate(
            work_order=work_order, factory=factory
        )
        if footprint.get("energy_measured") and Decimal(footprint["energy_kwh"]) == kwh:
            return work_order
        previous = footprint.get("energy_kwh")
        work_order.carbon = energy_kg_for_kwh(footprint, kwh)
        work_order.version += 1
        work_order.save(update_fields=["carbon", "version", "updated_at"])
        WorkOrderEvent.objects.create(
            work_order=work_order,
            type=WorkOrderEventType.ENERGY_REPORTED,
            from_status=work_order.status,
            to_status=work_order.status,
            actor=actor,
            data={"kwh": str(kwh), "estimated_kwh": previous},
        )
        work_order_footprint_report(work_order=work_order)
    return work_order


def _for_order(carbon: dict[str, Any]) -> dict[str, Any]:
    keys = ("materials_kg", "energy_kg", "transport_kg", "total_kg", "energy_measured")
    return {k: carbon[k] for k in keys if k in carbon}
