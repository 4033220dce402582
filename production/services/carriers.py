"""Carrier tracking: which carriers we can ask about parcels, and asking them.

A carrier adapter answers, for parcels it carries, how far each has got
(``ParcelStatus``). ``settings.C2M_CARRIER_TRACKING`` maps a carrier name, as plants
report it when shipping, to an adapter code; parcels of other carriers are delivered by
the plant's ``delivered`` event only. The demo maps its carriers to ``sandbox``, which
moves parcels along by their age so the whole loop runs without a real carrier.
``parcels_track`` is run by the beat task ``production.track_parcels``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from production.models import ParcelStatus, Shipment, WorkOrderStatus
from production.services.delivery import shipment_tracking_update

ACTOR = "system:carrier-tracking"
BATCH = 500


@dataclass(frozen=True)
class TrackedParcel:
    """What the tracking needs to know of a parcel (never a model instance)."""

    id: int
    carrier: str
    tracking_number: str
    shipped_at: datetime


class CarrierAdapter(Protocol):
    """Tells where parcels are. Must not raise for an unknown tracking number: leave it
    out of the answer (the parcel is asked about again next time)."""

    def track(self, parcels: Sequence[TrackedParcel], *, now: datetime) -> dict[int, str]:
        """Parcel id → ``ParcelStatus`` value, for the parcels it has news of."""
        ...


@dataclass(frozen=True)
class SandboxCarrier:
    """A pretend carrier for the demo: out for delivery after ``out_for_delivery_after``
    from shipping, delivered after ``delivered_after``. Deterministic, no network."""

    out_for_delivery_after: timedelta = timedelta(minutes=3)
    delivered_after: timedelta = timedelta(minutes=5)

    def track(self, parcels: Sequence[TrackedParcel], *, now: datetime) -> dict[int, str]:
        out: dict[int, str] = {}
        for parcel in parcels:
            age = now - parcel.shipped_at
            if age >= self.delivered_after:
                out[parcel.id] = ParcelStatus.DELIVERED
            elif age >= self.out_for_delivery_after:
                out[parcel.id] = ParcelStatus.OUT_FOR_DELIVERY
        return out


def carrier_adapter(code: str) -> CarrierAdapter | None:
    """The adapter called ``code`` (``sandbox``), configured from
    ``settings.C2M_SANDBOX_CARRIER`` (minutes); None for an unknown code."""
    if code == "sandbox":
        conf = getattr(settings, "C2M_SANDBOX_CARRIER", {})
        return SandboxCarrier(
            out_for_delivery_after=timedelta(minutes=float(conf.get("out_for_delivery", 3))),
            delivered_after=timedelta(minutes=float(conf.get("delivered", 5))),
        )
    return None


def parcels_track(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """Ask each configured carrier about parcels still on their way; apply what they say.

    Returns counts: ``asked`` parcels, ``moved`` (out for delivery) and ``delivered``.
    Idempotent: a parcel's tracking only moves forward and a delivery counts once, so
    two runs at once or a re-delivered task change nothing twice.
    """
    now = now or timezone.now()
    tracking: dict[str, str] = getattr(settings, "C2M_CARRIER_TRACKING", {})
    counts = {"asked": 0, "moved": 0, "delivered": 0}
    if not tracking:
        return counts
    rows = (
        Shipment.objects.filter(
            carrier__in=list(tracking),
            delivered_at__isnull=True,
            work_order__status=WorkOrderStatus.SHIPPED,
        )
        .order_by("pk")
        .values_list("pk", "carrier", "tracking_number", "created_at")[:limit]
    )
    by_adapter: dict[str, list[TrackedParcel]] = defaultdict(list)
    for pk, carrier, number, shipped_at in rows:
        by_adapter[tracking[carrier]].append(TrackedParcel(pk, carrier, number, shipped_at))
    for code, parcels in by_adapter.items():
        adapter = carrier_adapter(code)
        if adapter is None:
            continue
        counts["asked"] += len(parcels)
        for parcel_id, status in sorted(adapter.track(parcels, now=now).items()):
            if shipment_tracking_update(shipment_id=parcel_id, status=status, actor=ACTOR):
                counts["delivered" if status == ParcelStatus.DELIVERED else "moved"] += 1
    return counts
