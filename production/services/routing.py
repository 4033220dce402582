"""Offering pending work orders to partner factories at least total cost.

One run: read the routable work orders and the network, let the optimizer
(``routing.route``) assign them, then offer each work order in its own
transaction: lock it, book the capacity the plan needs (``capacity_reserve``) and move it
to offered. A run that loses the capacity to a concurrent run leaves the work order
pending for the next sweep. Every run stores a ``RoutingDecision`` per work order.
Express work orders are routed first, on every day of the plants' free capacity; standard
ones then, on what is left after each plant's express lane (``Factory.express_days``).
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from django.db import OperationalError, transaction
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import Conflict, PreconditionFailed
from production.models import (
    Factory,
    FactoryStatus,
    ProductionExceptionKind,
    RoutingDecision,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.models.work_order_status import OPEN, ROUTABLE
from production.selectors.counter_offers import counter_quotes
from production.selectors.network import network_factories
from production.selectors.routing_inputs import routing_job, work_materials
from production.selectors.routing_settings import routing_params, routing_settings
from production.services.capacity_reservations import CapacityTaken, capacity_reserve
from production.services.carbon import work_order_carbon_estimate, work_order_footprint_report
from production.services.exceptions import (
    production_exception_resolve_open,
    reprint_exception_record,
)
from production.services.offer_terms import offer_terms
from production.services.promises import work_order_promise_check
from production.services.routing_explain import decision_for
from production.services.splitting import work_order_split_for_routing
from production.services.work_orders import work_order_transition
from routing import Assignment, Unroutable, route

S = WorkOrderStatus
ACTOR = "system:router"
# A factory that declined a work order, let its offer expire, released it after accepting
# it, or had it withdrawn by an operator, never gets it again.
EXCLUDING_EVENTS = (
    WorkOrderEventType.DECLINED,
    WorkOrderEventType.OFFER_EXPIRED,
    WorkOrderEventType.OFFER_WITHDRAWN,
    WorkOrderEventType.RELEASED,
    WorkOrderEventType.PLANT_EXCLUDED,
)


class QueueFull(Conflict):
    code = "queue_full"


def work_orders_route(
    *, work_order_ids: Sequence[int] = (), include_pending: bool = False, seed: int = 0
) -> dict[str, int]:
    """Route these work orders (and, with ``include_pending``, every routable one).

    Returns counts by outcome: offered, split, unroutable, deferred (capacity or queue
    taken by a concurrent run: still pending), stale (changed by someone else meanwhile)
    and still_unroutable. Same input and seed, same assignments.
    """
    conf = routing_settings()
    today = timezone.localdate()
    batch = _batch(work_order_ids, include_pending, int(conf["batch_limit"]))
    outcome = dict.fromkeys(
        ("offered", "split", "unroutable", "deferred", "stale", "still_unroutable"), 0
    )
    # Express work first, on every day of the plants' capacity (their express lanes
    # included); then standard work on what is left, after the express lanes.
    for express in (True, False):
        lane = [wo for wo in batch if wo.express is express]
        if lane:
            _route_lane(lane, express=express, today=today, seed=seed, outcome=outcome)
    return outcome


def _route_lane(
    batch: list[WorkOrder], *, express: bool, today: date, seed: int, outcome: dict[str, int]
) -> None:
    """Route one lane's work orders on the network as it is now; adds to ``outcome``."""
    conf = routing_settings()
    factories, by_code = network_factories(
        today=today,
        materials={
            m for wo in batch for m in work_materials(snapshot=wo.snapshot, quantity=wo.quantity)
        },
        ship_days_per_1000km=float(conf["ship_days_per_1000km"]),
        express=express,
    )
    excluded = _excluded([wo.pk for wo in batch])
    quotes = counter_quotes(work_order_ids=[wo.pk for wo in batch])
    centre = _centre([f.location for f in factories])
    work_orders = {f"{wo.pk:012d}": wo for wo in batch}
    jobs = [
        routing_job(
            job_id=jid,
            work_order=wo,
            today=today,
            excluded=excluded[wo.pk],
            fallback_dest=centre,
            quotes=quotes.get(wo.pk),
        )
        for jid, wo in work_orders.items()
    ]
    result = route(jobs, factories, routing_params(seed=seed))
    parts: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in result.assignments:
        parts[assignment.job_id].append(assignment)
    run_id = uuid.uuid4().hex[:16]
    decisions = []
    for jid, wo in work_orders.items():
        if jid in parts:
            got, pieces = _offer(wo, parts[jid], by_code, today, run_id)
        else:
            got, pieces = _unroutable(wo, result.unroutable[jid], run_id), []
        outcome[got] += 1
        if got not in ("stale", "still_unroutable"):
            decisions.append(
                decision_for(
                    work_order=wo,
                    run_id=run_id,
                    outcome=got,
                    parts=parts.get(jid, []),
                    pieces=pieces,
                    candidates=result.explanations.get(jid, []),
                    unroutable=result.unroutable.get(jid),
                    factories=by_code,
                    today=today,
                    method=result.method,
                )
            )
    RoutingDecision.objects.bulk_create(decisions)


def _batch(ids: Sequence[int], include_pending: bool, limit: int) -> list[WorkOrder]:
    routable = WorkOrder.objects.filter(status__in=ROUTABLE)
    named = list(routable.filter(pk__in=list(ids)).order_by("pk")) if ids else []
    if not include_pending:
        return named
    others = routable.exclude(pk__in=[wo.pk for wo in named]).order_by("-express", "due_date", "pk")
    return named + list(others[: max(limit - len(named), 0)])


def _excluded(work_order_ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    rows = WorkOrderEvent.objects.filter(
        work_order_id__in=work_order_ids, type__in=EXCLUDING_EVENTS
    ).values_list("work_order_id", "data__factory")
    for work_order_id, code in rows:
        if code:
            out[work_order_id].add(code)
    return out


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Where to assume an address we cannot place is: the middle of the network."""
    if not points:
        return 0.0, 0.0
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _offer(
    work_order: WorkOrder,
    parts: list[Assignment],
    by_code: dict[str, Factory],
    today: date,
    run_id: str,
) -> tuple[str, list[WorkOrder]]:
    """Book and offer in one transaction; ("offered"|"split"|"deferred"|"stale", parts)."""
    try:
        with transaction.atomic():
            locked = lock_one(WorkOrder.objects, pk=work_order.pk)
            if locked.status not in ROUTABLE or locked.version != work_order.version:
                return "stale", []
            pieces = [locked]
            if len(parts) > 1:
                pieces = work_order_split_for_routing(
                    work_order_id=locked.pk, quantities=[p.quantity for p in parts], actor=ACTOR
                )
            offered = []
            for piece, part in zip(pieces, parts, strict=True):
                factory = by_code[part.factory_id]
                _check_queue(factory)
                capacity_reserve(
                    work_order=piece, factory_id=factory.pk, minutes=_slots(part, today)
                )
                carbon = work_order_carbon_estimate(work_order=piece, factory=factory)
                moved = work_order_transition(
                    work_order_id=piece.pk,
                    event=WorkOrderEventType.OFFERED,
                    actor=ACTOR,
                    data=_offer_data(factory, part, today, run_id),
                    changes={"factory": factory, "carbon": carbon, **offer_terms(factory, part)},
                )
                work_order_footprint_report(work_order=moved)
                offered.append(moved)
            if locked.claim_number:  # a reprint that waited for a plant has one now
                production_exception_resolve_open(
                    kind=ProductionExceptionKind.REPRINT,
                    reference=locked.claim_number,
                    actor=ACTOR,
                )
            late = any(today + timedelta(days=p.delivery_day) > locked.due_date for p in parts)
            # Routed before (declined, expired, released, unroutable): the promise may have
            # been broken by an earlier run and be kept again now.
            again = work_order.status == S.UNROUTABLE or work_order.version > 2
            if late or again:
                work_order_promise_check(
                    work_order=locked,
                    reason_code="late_offer" if late else "rerouted",
                    reason="offered with a delivery after the promised date" if late else "",
                )
    except (CapacityTaken, QueueFull):
        return "deferred", []
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != "40P01":  # deadlock: just retry later
            raise
        return "deferred", []
    return ("split" if len(parts) > 1 else "offered"), offered


def _check_queue(factory: Factory) -> None:
    """Refuse a factory paused since the run read the network, or whose queue filled up."""
    if not Factory.objects.filter(pk=factory.pk, status=FactoryStatus.ACTIVE).exists():
        raise QueueFull(f"{factory.code} is no longer active.")
    open_count = WorkOrder.objects.filter(factory=factory, status__in=OPEN).count()
    if open_count >= factory.max_open_work_orders:
        raise QueueFull(f"{factory.code} has no free queue slot.")


def _slots(part: Assignment, today: date) -> dict[tuple[str, date], int]:
    out: dict[tuple[str, date], int] = defaultdict(int)
    for (centre, day), minutes in part.reserved.items():
        out[(centre, today + timedelta(days=day))] += math.ceil(minutes - 1e-6)
    return dict(out)


def _offer_data(factory: Factory, part: Assignment, today: date, run_id: str) -> dict:
    return {
        "factory": factory.code,
        "city": factory.city,
        "run_id": run_id,
        "quantity": part.quantity,
        "delivery_date": (today + timedelta(days=part.delivery_day)).isoformat(),
        "late_days": part.late_days,
        "costs": {
            "production": str(part.production_cost),
            "shipping": str(part.shipping_cost),
            "lateness_penalty": str(part.lateness_penalty),
            "quality_bonus": str(part.quality_bonus),
            "total": str(part.total_cost),
        },
    }


def _unroutable(work_order: WorkOrder, reason: Unroutable, run_id: str) -> str:
    if work_order.status == S.UNROUTABLE:
        return "still_unroutable"
    try:
        with transaction.atomic():
            moved = work_order_transition(
                work_order_id=work_order.pk,
                event=WorkOrderEventType.UNROUTABLE,
                actor=ACTOR,
                expected_version=work_order.version,
                data={"reason_code": reason.code, "reason": reason.text, "run_id": run_id},
            )
            # Nothing left to route to: the customer's promised date is broken.
            work_order_promise_check(work_order=moved, reason_code=reason.code, reason=reason.text)
            if moved.claim_number:
                reprint_unroutable_record(work_order=moved, reason=reason)
    except (Conflict, PreconditionFailed):
        return "stale"
    return "unroutable"


def reprint_unroutable_record(*, work_order: WorkOrder, reason: Unroutable) -> None:
    """A claim's reprint no plant can take (often: the only capable one is the plant at
    fault) goes on the exception list, saying why, for an operator's retry."""
    excluded = sorted(
        code
        for code in WorkOrderEvent.objects.filter(
            work_order=work_order, type=WorkOrderEventType.PLANT_EXCLUDED
        ).values_list("data__factory", flat=True)
        if code
    )
    without = f" other than {', '.join(excluded)} (at fault)" if excluded else ""
    reprint_exception_record(
        claim_number=work_order.claim_number,
        code=reason.code,
        error=(
            f"No plant{without} can make reprint {work_order.number} of claim "
            f"{work_order.claim_number}: {reason.text}."
        ),
        data={
            "work_order_id": work_order.pk,
            "work_order": work_order.number,
            "excluded": excluded,
        },
    )
