"""Parcels on their way: tracking updates and delivery, from the plant or the carrier.

A work order is delivered when every one of its parcels is; the order is delivered when
every work order is (``orders.services.production_feedback``). Reports may arrive twice,
late or out of order, from the plant and from the carrier's tracking alike: a parcel's
tracking only moves forward (``PARCEL_PROGRESS``), and a repeated delivery changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound, PreconditionFailed, Unprocessable
from production.models import (
    PARCEL_PROGRESS,
    Factory,
    ParcelStatus,
    Shipment,
    WorkOrder,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.services.work_orders import next_steps, work_order_transition


def shipment_delivered(
    *,
    work_order_id: int,
    tracking_number: str,
    actor: str,
    carrier: str = "",
    delivered_at: datetime | None = None,
    factory: Factory | None = None,
    expected_version: int | None = None,
) -> WorkOrder:
    """Record that the parcel ``tracking_number`` of the work order reached the customer.

    The last parcel moves the work order to delivered (event ``delivered``); an earlier
    one records ``parcel_delivered``. A parcel already delivered returns the work order
    unchanged. Raises ``NotFound`` for another factory's work order, ``PreconditionFailed``
    when ``expected_version`` (If-Match) is stale, ``Conflict`` (code
    ``invalid_transition``) when the work order has not shipped, and ``Unprocessable``
    (code ``unknown_parcel``) when no such parcel was shipped for it.
    """
    delivered_at = delivered_at or timezone.now()
    with transaction.atomic():
        try:
            work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if factory is not None and work_order.factory_id != factory.pk:
            raise NotFound("No such work order.")
        parcels = Shipment.objects.select_for_update().filter(work_order=work_order)
        if carrier:
            parcels = parcels.filter(carrier=carrier)
        parcel = parcels.filter(tracking_number=tracking_number).order_by("pk").first()
        if parcel is not None and parcel.delivered_at is not None:
            return work_order  # reported twice (plant and carrier, or a retry): harmless
        if expected_version is not None and work_order.version != expected_version:
            raise PreconditionFailed(
                "The work order has changed since you read it.",
                extra={"current_version": work_order.version},
            )
        if work_order.status != WorkOrderStatus.SHIPPED:
            raise Conflict(
                f"A work order that is {work_order.status} cannot take 'delivered'.",
                code="invalid_transition",
                extra=next_steps(work_order),
            )
        if parcel is None:
            raise Unprocessable(
                "No parcel with this tracking number was shipped for this work order.",
                code="unknown_parcel",
                errors={"tracking_number": [_("Report the parcel as shipped first.")]},
            )
        parcel.tracking_status = ParcelStatus.DELIVERED
        parcel.delivered_at = delivered_at
        parcel.save(update_fields=["tracking_status", "delivered_at"])
        others_on_the_way = (
            Shipment.objects.filter(work_order=work_order, delivered_at__isnull=True)
            .exclude(pk=parcel.pk)
            .exists()
        )
        return work_order_transition(
            work_order_id=work_order.pk,
            event=WorkOrderEventType.PARCEL_DELIVERED
            if others_on_the_way
            else WorkOrderEventType.DELIVERED,
            actor=actor,
            data={
                "carrier": parcel.carrier,
                "tracking_number": parcel.tracking_number,
                "delivered_at": delivered_at.isoformat(),
            },
        )


def shipment_tracking_update(*, shipment_id: int, status: str, actor: str) -> bool:
    """Move a parcel's tracking forward (in transit → out for delivery → delivered).

    Returns whether anything changed; a status behind the current one is ignored, and
    ``delivered`` goes through ``shipment_delivered``.
    """
    if status not in PARCEL_PROGRESS:
        raise Unprocessable(f"Unknown parcel status {status!r}.", code="invalid_parcel_status")
    with transaction.atomic():
        parcel = Shipment.objects.filter(pk=shipment_id).first()
        if parcel is None:
            raise NotFound("No such parcel.")
        if status == ParcelStatus.DELIVERED:
            if parcel.delivered_at is not None:
                return False
            shipment_delivered(
                work_order_id=parcel.work_order_id,
                tracking_number=parcel.tracking_number,
                carrier=parcel.carrier,
                actor=actor,
            )
            return True
        parcel = lock_one(Shipment.objects, pk=shipment_id)
        if PARCEL_PROGRESS.index(status) <= PARCEL_PROGRESS.index(parcel.tracking_status):
            return False
        parcel.tracking_status = status
        parcel.save(update_fields=["tracking_status"])
        return True
