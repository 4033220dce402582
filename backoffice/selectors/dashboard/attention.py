"""What needs an operator's attention now, whatever the chosen period."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from production.models import Factory, WorkOrder, WorkOrderEvent, WorkOrderEventType
from production.models.work_order_status import OPEN, WorkOrderStatus

LIMIT = 20


def needs_attention(*, factory: Factory | None = None) -> dict[str, Any]:
    """``unroutable``: work no plant can take (platform only; most overdue first) with the
    router's reason; ``late``: open work past its due date, most overdue first. Each a list
    of at most ``LIMIT`` rows and the full count. Four queries."""
    today = timezone.localdate()
    reason = WorkOrderEvent.objects.filter(
        work_order=OuterRef("pk"), type=WorkOrderEventType.UNROUTABLE
    ).order_by("-pk")
    unroutable = WorkOrder.objects.filter(status=WorkOrderStatus.UNROUTABLE)
    late = WorkOrder.objects.filter(status__in=OPEN, due_date__lt=today)
    if factory is not None:
        unroutable = unroutable.none()
        late = late.filter(factory=factory)
    fields = ["pk", "number", "order_number", "product_name", "quantity", "due_date", "status"]
    return {
        "unroutable": list(
            unroutable.annotate(reason=Subquery(reason.values("data__reason")[:1]))
            .order_by("due_date", "pk")
            .values(*fields, "reason")[:LIMIT]
        ),
        "unroutable_count": unroutable.count(),
        "late": [
            {**row, "days_late": (today - row["due_date"]).days}
            for row in late.order_by("due_date", "pk").values(*fields, "factory__code")[:LIMIT]
        ],
        "late_count": late.count(),
    }
