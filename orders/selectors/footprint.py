"""An order's carbon footprint as production reported it, in a shopper's terms."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from orders.models import Order, OrderStatus

# kg CO2e per km of an average petrol car: UK Government GHG Conversion Factors 2023
# (DESNZ), "average car, petrol", rounded. Used only to say the figure in everyday terms.
PETROL_CAR_KG_PER_KM = Decimal("0.17")
PARTS = ("materials_kg", "energy_kg", "transport_kg")


@dataclass(frozen=True)
class Footprint:
    total_kg: Decimal
    materials_kg: Decimal
    energy_kg: Decimal
    transport_kg: Decimal
    # Every work order's electricity measured by its plant (else partly estimated).
    measured: bool
    car_km: int


def order_footprint(*, order: Order) -> Footprint | None:
    """The sum over the order's work orders; None before any was planned at a plant, and
    for cancelled orders (nothing was made)."""
    reports = list((order.footprint or {}).values())
    if not reports or order.status == OrderStatus.CANCELLED:
        return None
    sums = {part: sum((Decimal(r.get(part, "0")) for r in reports), Decimal(0)) for part in PARTS}
    total = sum(sums.values(), Decimal(0))
    return Footprint(
        total_kg=total.quantize(Decimal("0.1"), ROUND_HALF_UP),
        materials_kg=sums["materials_kg"].quantize(Decimal("0.01"), ROUND_HALF_UP),
        energy_kg=sums["energy_kg"].quantize(Decimal("0.01"), ROUND_HALF_UP),
        transport_kg=sums["transport_kg"].quantize(Decimal("0.01"), ROUND_HALF_UP),
        measured=all(r.get("energy_measured") for r in reports),
        car_km=int((total / PETROL_CAR_KG_PER_KM).quantize(Decimal(1), ROUND_HALF_UP)),
    )
