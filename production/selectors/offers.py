"""Offers that waited longer than their factory's acceptance SLA."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from production.models import Factory, WorkOrder, WorkOrderStatus


def offers_past_sla(*, now: datetime | None = None) -> QuerySet[WorkOrder]:
    """Offered work orders last changed longer ago than their factory's ``offer_sla_hours``.

    One condition per distinct SLA (there are few), so any database can answer it with the
    (status, updated_at) rows alone: no interval arithmetic in SQL.
    """
    now = now or timezone.now()
    hours = Factory.objects.values_list("offer_sla_hours", flat=True).distinct()
    late = Q(pk__in=[])
    for h in hours:
        late |= Q(factory__offer_sla_hours=h, updated_at__lt=now - timedelta(hours=h))
    return WorkOrder.objects.filter(late, status=WorkOrderStatus.OFFERED)
