"""Booking and releasing a factory's minutes for a work order.

Reservations (of work orders here, of capacity-exchange bookings through
``capacity_hold`` and ``capacity_give_back``) are the only writer of
``CapacityDay.reserved_minutes``. Rows are locked in primary-key order
(``c2m.db.lock_many``), free minutes are re-checked under the lock, and the
``capacity_never_overbooked`` check constraint is the last word: two routing runs can never
book the same minutes twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from c2m.db import lock_many
from c2m.errors import Conflict
from production.models import CapacityDay, CapacityReservation, WorkOrder

Slot = tuple[str, date]  # (work-centre type, day)


class CapacityTaken(Conflict):
    """The minutes were free when routing looked, but another run booked them first."""

    code = "capacity_taken"


def capacity_reserve(
    *, work_order: WorkOrder, factory_id: int, minutes: Mapping[Slot, int]
) -> list[CapacityReservation]:
    """Book ``minutes`` per (centre type, day) at the factory for the work order.

    All or nothing: raises ``CapacityTaken`` (and books nothing) when any day lacks the
    free minutes or has no capacity row. Call it inside the transaction that offers the
    work order, so the booking and the offer commit together.
    """
    wanted = {slot: int(m) for slot, m in minutes.items() if int(m) > 0}
    if not wanted:
        return []
    with transaction.atomic():
        rows = capacity_hold(factory_id=factory_id, minutes=wanted)
        return CapacityReservation.objects.bulk_create(
            CapacityReservation(work_order=work_order, capacity_day=rows[slot], minutes=need)
            for slot, need in sorted(wanted.items())
        )


def capacity_hold(*, factory_id: int, minutes: Mapping[Slot, int]) -> dict[Slot, CapacityDay]:
    """Add ``minutes`` (all positive) to the reserved minutes of the factory's days, under
    their locks; return the days. Raises ``CapacityTaken`` and holds nothing when a day
    lacks the free minutes or has no capacity row. The caller records what the minutes are
    for (a work order's reservations, a capacity-exchange booking) in its transaction.
    """
    with transaction.atomic():
        pks = CapacityDay.objects.filter(
            factory_id=factory_id,
            day__in={day for _, day in minutes},
            centre_type__in={centre for centre, _ in minutes},
        ).values_list("pk", flat=True)
        rows = {(r.centre_type, r.day): r for r in lock_many(CapacityDay.objects, pks)}
        for slot, need in minutes.items():
            row = rows.get(slot)
            if row is None or row.available_minutes - row.reserved_minutes < need:
                raise CapacityTaken(
                    f"No longer {need} free minutes of {slot[0]} on {slot[1]}.",
                    extra={"centre_type": slot[0], "day": slot[1].isoformat()},
                )
        try:
            with transaction.atomic():
                for row in sorted((rows[slot] for slot in minutes), key=lambda r: r.pk):
                    CapacityDay.objects.filter(pk=row.pk).update(
                        reserved_minutes=F("reserved_minutes") + minutes[(row.centre_type, row.day)]
                    )
        except IntegrityError as error:  # capacity_never_overbooked: should not get here
            raise CapacityTaken("The capacity was booked by another run.") from error
    return rows


def capacity_give_back(*, minutes_by_day: Mapping[int, int]) -> None:
    """Take minutes (per capacity-day id) off the days' reserved minutes, under their locks
    in primary-key order; never below zero."""
    with transaction.atomic():
        for day in lock_many(CapacityDay.objects, minutes_by_day):
            give_back = min(minutes_by_day[day.pk], day.reserved_minutes)
            CapacityDay.objects.filter(pk=day.pk).update(
                reserved_minutes=F("reserved_minutes") - give_back
            )


def capacity_release(*, work_order_id: int) -> int:
    """Give back every open reservation of the work order; return the minutes released.

    Idempotent: a second call finds nothing open and returns 0. Used on decline, offer
    timeout, factory pause and cancellation.
    """
    return capacity_release_many(work_order_ids=[work_order_id])


def capacity_release_many(*, work_order_ids: Sequence[int]) -> int:
    """``capacity_release`` for several work orders at once (one lock pass)."""
    with transaction.atomic():
        open_rows = list(
            CapacityReservation.objects.select_for_update()
            .filter(work_order_id__in=sorted(set(work_order_ids)), released_at__isnull=True)
            .order_by("pk")
        )
        if not open_rows:
            return 0
        by_day: dict[int, int] = {}
        for reservation in open_rows:
            by_day[reservation.capacity_day_id] = (
                by_day.get(reservation.capacity_day_id, 0) + reservation.minutes
            )
        capacity_give_back(minutes_by_day=by_day)
        CapacityReservation.objects.filter(pk__in=[r.pk for r in open_rows]).update(
            released_at=timezone.now()
        )
    return sum(by_day.values())
