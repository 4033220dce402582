"""The platform's paid services as operators' tasks: created once when an order is paid,
moved by operators through ``SERVICE_TASK_TRANSITIONS``."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from c2m.db import check_transition, lock_one
from c2m.errors import NotFound
from orders.models import (
    SERVICE_TASK_OPEN,
    SERVICE_TASK_TRANSITIONS,
    OrderLine,
    ServiceTask,
    ServiceTaskEvent,
    ServiceTaskStatus,
)

PLATFORM = "platform"


def sold_services(line: OrderLine, *, fulfilment: str) -> list[dict[str, Any]]:
    """The services ``line`` was sold with that ``fulfilment`` performs, from its frozen
    price breakdown: ``{"code", "label", "per_unit", ...terms}`` each."""
    found = []
    for entry in line.price_breakdown or []:
        terms = entry.get("service") if isinstance(entry, dict) else None
        if entry.get("kind") == "service" and terms and terms.get("fulfilment") == fulfilment:
            found.append({**terms, "label": entry["label"], "per_unit": entry["per_unit"]})
    return found


def service_tasks_create(*, order_id: int) -> list[ServiceTask]:
    """Create the operators' tasks for the platform services of a paid order.

    Idempotent: a task exists once per order line and service (a unique constraint), so
    paying, replaying or re-running this creates nothing twice. Returns the tasks created now.
    """
    lines = OrderLine.objects.filter(order_id=order_id).order_by("line_no")
    wanted = [
        ServiceTask(
            order_id=order_id, order_line=line, service=service["code"], label=service["label"]
        )
        for line in lines
        for service in sold_services(line, fulfilment=PLATFORM)
    ]
    if not wanted:
        return []
    with transaction.atomic():
        existing = set(
            ServiceTask.objects.filter(order_id=order_id).values_list("order_line_id", "service")
        )
        fresh = [t for t in wanted if (t.order_line.pk, t.service) not in existing]
        # Callers hold the order's lock (paying it); the unique constraint backs that up.
        created = ServiceTask.objects.bulk_create(fresh)
        ServiceTaskEvent.objects.bulk_create(
            ServiceTaskEvent(task=task, to_status=ServiceTaskStatus.OPEN, actor="system:payment")
            for task in created
        )
    return created


def service_task_transition(
    *, task_id: int, to: str, actor: str, data: dict[str, Any] | None = None
) -> ServiceTask:
    """Lock the task, check ``SERVICE_TASK_TRANSITIONS``, move it to ``to``, record who.

    Raises ``NotFound`` for a task that does not exist and ``Conflict`` (code
    ``invalid_transition``) for a move the table does not list.
    """
    with transaction.atomic():
        try:
            task = lock_one(ServiceTask.objects, pk=task_id)
        except ServiceTask.DoesNotExist:
            raise NotFound("No such service task.") from None
        check_transition(SERVICE_TASK_TRANSITIONS, task.status, to, what="service task")
        ServiceTaskEvent.objects.create(
            task=task, from_status=task.status, to_status=to, actor=actor, data=data or {}
        )
        task.status = to
        task.save(update_fields=["status", "updated_at"])
    return task


def service_tasks_cancel(*, order_id: int, actor: str) -> int:
    """Cancel the order's service tasks still to do (its order was cancelled). Returns how
    many were cancelled; done ones stay done."""
    pending = ServiceTask.objects.filter(order_id=order_id, status__in=SERVICE_TASK_OPEN)
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    for task_id in ids:
        service_task_transition(task_id=task_id, to=ServiceTaskStatus.CANCELLED, actor=actor)
    return len(ids)
