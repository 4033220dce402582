"""The "on its way" email of each parcel, once everything packed in it is reported."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from orders.models import OrderShipment
from orders.services.emails import order_email_queue


def parcels_announce(*, now: datetime | None = None) -> int:
    """Email the customer about each parcel whose wait for the rest of its contents is
    over (``announce_after``) and that was not announced yet; return how many emails. Each
    parcel is announced in a transaction of its own, marked before its email is sent on
    commit, so concurrent or repeated runs never send one twice. A parcel delivered within
    the wait gets no "on its way" email: its delivery was told already."""
    now = now or timezone.now()
    announced = 0
    while True:
        with transaction.atomic():
            parcel = (
                OrderShipment.objects.select_for_update(skip_locked=True)
                .filter(announced_at__isnull=True, announce_after__lte=now)
                .order_by("announce_after", "pk")
                .first()
            )
            if parcel is None:
                return announced
            parcel.announced_at = now
            parcel.save(update_fields=["announced_at"])
            if parcel.delivered_at is None:
                order_email_queue(
                    order_id=parcel.order_id, kind="shipped", extra={"parcel_id": parcel.pk}
                )
                announced += 1
