"""A factory's quality score, derived from what it did with its work orders.

score = 0.5 on-time rate + 0.3 (1 - QC failure rate) + 0.2 (1 - decline rate), each rate
taken over the last ``WINDOW_DAYS`` and pulled towards a prior by ``PRIOR_WEIGHT``
pseudo-observations, so a new plant starts near 0.9 and a few events cannot swing it.
Declines and expired offers count against the accept rate; a release of accepted work
counts ``RELEASE_WEIGHT`` times. A defect the customer reported (a claim against the
plant's work for damage, a misprint, a wrong item or one not as configured, or one an
operator found it at fault for, unless the claim was turned down) counts in the QC rate as
``CUSTOMER_DEFECT_WEIGHT`` failed checks: the plant's own QC catching a fault is honest
work; a fault that reached the customer is worse.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from production.models import (
    Factory,
    FactoryStatus,
    PlantClaim,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
)

WINDOW_DAYS = 180
PRIOR_WEIGHT = 5
PRIORS = {"on_time": 0.9, "qc_pass": 0.95, "accept": 0.9}
WEIGHTS = {"on_time": 0.5, "qc_pass": 0.3, "accept": 0.2}
# Releasing accepted work counts as this many declines: the plant held the capacity and
# saw the customer's address before giving the work back.
RELEASE_WEIGHT = 2
CUSTOMER_DEFECT_WEIGHT = 3


def _rate(good: int, total: int, prior: float) -> float:
    return (good + prior * PRIOR_WEIGHT) / (total + PRIOR_WEIGHT)


def factory_quality_refresh(*, factory_id: int, now: datetime | None = None) -> Decimal:
    """Recompute and store the factory's ``quality_score`` and its details; return it."""
    now = now or timezone.now()
    since = now - timedelta(days=WINDOW_DAYS)
    factory = Factory.objects.get(pk=factory_id)
    recent = WorkOrderEvent.objects.filter(created_at__gte=since)
    offers = recent.filter(type=WorkOrderEventType.OFFERED, data__factory=factory.code).count()
    refusals = recent.filter(
        type__in=(WorkOrderEventType.DECLINED, WorkOrderEventType.OFFER_EXPIRED),
        data__factory=factory.code,
    ).count()
    released = recent.filter(type=WorkOrderEventType.RELEASED, data__factory=factory.code).count()
    refusals += RELEASE_WEIGHT * released
    shipped = list(
        WorkOrder.objects.filter(factory=factory)
        .annotate(
            shipped_at=Min("events__created_at", filter=Q(events__type=WorkOrderEventType.SHIPPED))
        )
        .filter(shipped_at__gte=since)
        .values_list("due_date", "shipped_at")
    )
    on_time = sum(1 for due, at in shipped if timezone.localdate(at) <= due)
    qc = recent.filter(
        work_order__factory=factory,
        type__in=(WorkOrderEventType.QC_PASSED, WorkOrderEventType.QC_FAILED),
    )
    qc_total, qc_failed = qc.count(), qc.filter(type=WorkOrderEventType.QC_FAILED).count()
    defects = (
        PlantClaim.objects.filter(factory=factory, filed_at__gte=since)
        .filter(Q(defect=True) | Q(plant_at_fault=True))
        .exclude(decision="rejected")
        .count()
    )
    weighted_defects = CUSTOMER_DEFECT_WEIGHT * defects
    rates = {
        "on_time": _rate(on_time, len(shipped), PRIORS["on_time"]),
        "qc_pass": _rate(qc_total - qc_failed, qc_total + weighted_defects, PRIORS["qc_pass"]),
        "accept": _rate(max(offers - refusals, 0), max(offers, refusals), PRIORS["accept"]),
    }
    score = Decimal(str(sum(WEIGHTS[k] * rates[k] for k in WEIGHTS))).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )
    details = {
        "refreshed_at": now.isoformat(),
        "window_days": WINDOW_DAYS,
        "shipped": len(shipped),
        "on_time": on_time,
        "qc_checks": qc_total,
        "qc_failed": qc_failed,
        "customer_defects": defects,
        "offers": offers,
        "declined_or_expired": refusals - RELEASE_WEIGHT * released,
        "released": released,
        "rates": {k: round(v, 4) for k, v in rates.items()},
    }
    with transaction.atomic():
        Factory.objects.filter(pk=factory.pk).update(quality_score=score, quality_details=details)
    return score


def factory_quality_refresh_all(*, now: datetime | None = None) -> int:
    """Refresh every factory not offboarded; return how many."""
    ids = list(
        Factory.objects.exclude(status=FactoryStatus.OFFBOARDED).values_list("pk", flat=True)
    )
    for pk in ids:
        factory_quality_refresh(factory_id=pk, now=now)
    return len(ids)
