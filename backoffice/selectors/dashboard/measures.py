"""Service-manufacturing measures, for the platform or one plant, each over a period and the
one before it. Definitions: docs/measures.md (each function's docstring says the same).

Every measure is computed with portable queries plus Python over bounded rows, so the demo's
SQLite and PostgreSQL give the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from backoffice.selectors.dashboard.orders import (
    Period,
    ratio,
    repurchase,
    service_revenue,
)
from backoffice.selectors.dashboard.volume import orders_worked_by
from orders.models import Order, OrderEvent, OrderStatus
from orders.models.order_status import NOT_SALES
from production.models import (
    CapacityDay,
    Factory,
    PlantClaim,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)

KG = Decimal("0.001")
# A claim operators declined (production's record of the decision).
REJECTED = "rejected"


@dataclass(frozen=True)
class Scope:
    period: Period
    factory: Factory | None = None
    # The plant's orders (ids), fetched once: nested subqueries are planned badly.
    order_ids: list[int] | None = None


def previous_period(period: Period) -> Period:
    """The same number of days just before ``period``."""
    length = period.end - period.start
    end = period.start - timedelta(days=1)
    return Period(end - length, end)


def measures(
    *, period: Period, factory: Factory | None = None, commercial: bool = True
) -> dict[str, dict[str, Any]]:
    """Each measure for ``period`` (``current``) and the period before (``previous``).

    ``commercial=False`` (a plant's own view) leaves out service revenue and repurchase.
    """
    out: dict[str, dict[str, Any]] = {}
    ids = None
    if factory is not None:
        ids = sorted(set(orders_worked_by(factory).values_list("order_id", flat=True)))
    for key, period_ in (("current", period), ("previous", previous_period(period))):
        scope = Scope(period_, factory, ids)
        row = {
            "on_time": on_time_against_promise(scope),
            "capacity_use": capacity_use(scope),
            "collaboration": cross_plant_orders(scope),
            "carbon": carbon_per_order(scope),
            "claim_rate": claim_rate(scope),
        }
        if commercial:
            mine = Order.objects.filter(id__in=ids).values("id") if ids is not None else None
            row["service_revenue"] = service_revenue(period=period_, order_ids=mine)
            row["repurchase"] = repurchase(period=period_, order_ids=mine)
        for name, value in row.items():
            out.setdefault(name, {})[key] = value
    return out


def on_time_against_promise(scope: Scope) -> dict[str, Any]:
    """Orders promised for a day in the period (paid, not cancelled): on time when the order
    was delivered (its last parcel) on or before the promised date. An order not delivered
    by its promised date counts late once that day is over; one promised for today or later
    and not yet delivered is still open and not counted."""
    today = timezone.localdate()
    orders = Order.objects.exclude(status__in=NOT_SALES).filter(
        promised_date__gte=scope.period.start, promised_date__lte=scope.period.end
    )
    if scope.order_ids is not None:
        orders = orders.filter(id__in=scope.order_ids)
    due_orders = list(orders.values_list("id", "promised_date"))
    delivered: dict[int, Any] = {}
    events = OrderEvent.objects.filter(
        order__in=[pk for pk, _ in due_orders], to_status=OrderStatus.DELIVERED
    ).order_by("-created_at")
    for order_id, at in events.values_list("order_id", "created_at"):
        delivered[order_id] = timezone.localdate(at)  # newest first: the earliest stays
    due = on_time = 0
    for order_id, promised in due_orders:
        day = delivered.get(order_id)
        if promised is None or (day is None and promised >= today):
            continue
        due += 1
        if day is not None and day <= promised:
            on_time += 1
    return {"due": due, "on_time": on_time, "rate": ratio(on_time, due)}


def capacity_use(scope: Scope) -> dict[str, Any]:
    """Booked over published minutes of the capacity days in the period, per plant and
    work-centre type and in all (booked: reserved for routed work or held by a pending or
    confirmed capacity-exchange booking; published: the minutes the plant offers that day
    after holidays and maintenance)."""
    days = CapacityDay.objects.filter(day__gte=scope.period.start, day__lte=scope.period.end)
    if scope.factory is not None:
        days = days.filter(factory=scope.factory)
    rows = (
        days.values("factory__code", "centre_type")
        .annotate(booked=Sum("reserved_minutes"), published=Sum("available_minutes"))
        .order_by("factory__code", "centre_type")
    )
    cells = [
        {
            "factory": r["factory__code"],
            "centre_type": r["centre_type"],
            "booked": r["booked"],
            "published": r["published"],
            "share": ratio(r["booked"], r["published"]),
        }
        for r in rows
    ]
    per_plant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for cell in cells:
        per_plant[cell["factory"]][0] += cell["booked"]
        per_plant[cell["factory"]][1] += cell["published"]
    booked = sum(c["booked"] for c in cells)
    published = sum(c["published"] for c in cells)
    return {
        "booked": booked,
        "published": published,
        "share": ratio(booked, published),
        "per_plant": {code: ratio(b, p) for code, (b, p) in sorted(per_plant.items())},
        "cells": cells,
    }


def cross_plant_orders(scope: Scope) -> dict[str, Any]:
    """Of the orders placed in the period whose work went to a plant, those made by more
    than one plant (work orders not cancelled, each counted at the plant holding it)."""
    placed = _placed(scope)
    plants = (
        WorkOrder.objects.filter(
            order_id__in=list(placed.values_list("id", flat=True)), factory__isnull=False
        )
        .exclude(status=WorkOrderStatus.CANCELLED)
        .values("order_id")
        .annotate(plants=Count("factory", distinct=True))
        .values_list("plants", flat=True)
    )
    counts = list(plants)
    several = sum(1 for n in counts if n > 1)
    return {"orders": len(counts), "several_plants": several, "share": ratio(several, len(counts))}


def carbon_per_order(scope: Scope) -> dict[str, Any]:
    """kg CO2e per order placed in the period: the sum of its work orders' footprints
    (estimated when offered to a plant, energy measured when the plant reported it),
    averaged over the orders that have one; cancelled work does not count. For a plant,
    only its own work orders. Also the parts (materials, energy, transport) in all, and
    how many work orders had measured energy."""
    placed = list(_placed(scope).values_list("id", flat=True))
    work = WorkOrder.objects.filter(order_id__in=placed).exclude(status=WorkOrderStatus.CANCELLED)
    if scope.factory is not None:
        work = work.filter(factory=scope.factory)
    per_order: dict[int, Decimal] = defaultdict(Decimal)
    parts = dict.fromkeys(("materials_kg", "energy_kg", "transport_kg"), Decimal(0))
    measured = counted = 0
    for order_id, carbon in work.values_list("order_id", "carbon").iterator():
        if not carbon or "total_kg" not in carbon:
            continue
        counted += 1
        measured += bool(carbon.get("energy_measured"))
        per_order[order_id] += Decimal(carbon["total_kg"])
        for part in parts:
            parts[part] += Decimal(carbon.get(part, "0"))
    total = sum(per_order.values(), Decimal(0))
    orders = len(per_order)
    return {
        "orders": orders,
        "total_kg": total.quantize(KG),
        "per_order_kg": (total / orders).quantize(KG) if orders else None,
        "parts_kg": {k: v.quantize(KG) for k, v in parts.items()},
        "work_orders": counted,
        "measured": measured,
    }


def claim_rate(scope: Scope) -> dict[str, Any]:
    """Defective pieces customers reported per thousand pieces shipped, per plant and in
    all: the pieces named by claims of a defect (damaged, misprint, wrong item, not as
    configured) filed in the period and not declined, against the pieces the plants shipped
    in the period (a work order's quantity, on its first parcel; reprints included)."""
    since, until = scope.period.since, scope.period.until
    claims = PlantClaim.objects.filter(defect=True, filed_at__gte=since, filed_at__lt=until)
    claims = claims.exclude(decision=REJECTED)
    shipped = WorkOrderEvent.objects.filter(
        type=WorkOrderEventType.SHIPPED, created_at__gte=since, created_at__lt=until
    )
    if scope.factory is not None:
        claims = claims.filter(factory=scope.factory)
        shipped = shipped.filter(work_order__factory=scope.factory)
    defective: dict[str, int] = defaultdict(int)
    for code, pieces in claims.values_list("factory__code", "quantity"):
        defective[code] += pieces
    pieces_of: dict[int, tuple[str, int]] = {}
    for work_order_id, code, quantity in shipped.values_list(
        "work_order_id", "work_order__factory__code", "work_order__quantity"
    ):
        pieces_of[work_order_id] = (code, quantity)
    made: dict[str, int] = defaultdict(int)
    for code, quantity in pieces_of.values():
        made[code] += quantity
    plants = sorted(set(made) | set(defective))
    return {
        "defective": sum(defective.values()),
        "shipped": sum(made.values()),
        "per_thousand": _per_thousand(sum(defective.values()), sum(made.values())),
        "per_plant": {code: _per_thousand(defective[code], made[code]) for code in plants},
    }


def _per_thousand(part: int, whole: int) -> float | None:
    return round(part * 1000 / whole, 1) if whole else None


def _placed(scope: Scope) -> QuerySet:
    orders = Order.objects.exclude(status__in=NOT_SALES).filter(
        created_at__gte=scope.period.since, created_at__lt=scope.period.until
    )
    return orders if scope.order_ids is None else orders.filter(id__in=scope.order_ids)
