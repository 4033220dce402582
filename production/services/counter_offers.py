"""A plant's counter-offer: a higher payout or a later date, within the operator's limits.

The offer goes back to routing (capacity released, like a decline) but the plant stays a
candidate: the router costs it at the countered payout and with the extra days
(``routing.Quote``), against every other plant at its rate card. Whoever is cheapest then
gets the offer; the plant that countered gets it at its own terms.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound, Unprocessable
from c2m.scheduling import task_enqueue
from production.models import CounterOffer, Factory, WorkOrder, WorkOrderEventType
from production.models.work_order_status import WorkOrderStatus
from production.services.capacity_reservations import capacity_release
from production.services.work_orders import next_steps, work_order_transition
from production.task_names import ROUTE_WORK_ORDERS

CENT = Decimal("0.01")


def counter_limits(work_order: WorkOrder, factory: Factory) -> tuple[Decimal, date] | None:
    """(highest payout, latest delivery date) the plant may counter ``work_order`` with, or
    None when its operator allows no counter-offers (both limits 0) or the offer carries
    no payout or planned date."""
    planned = offered_delivery_date(work_order)
    if work_order.payout_amount is None or planned is None:
        return None
    markup, delay = factory.counter_max_markup_pct, factory.counter_max_delay_days
    if not markup and not delay:
        return None
    highest = (work_order.payout_amount * (100 + markup) / 100).quantize(CENT)
    return highest, planned + timedelta(days=delay)


def offered_delivery_date(work_order: WorkOrder) -> date | None:
    """The delivery date the router planned for the current offer."""
    event = work_order.events.filter(type=WorkOrderEventType.OFFERED).order_by("-pk").first()
    if event is None or not event.data.get("delivery_date"):
        return None
    return date.fromisoformat(event.data["delivery_date"])


def work_order_counter_offer(
    *,
    factory: Factory,
    work_order_id: int,
    actor: str,
    payout_amount: Decimal | None = None,
    delivery_date: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> CounterOffer:
    """Answer an offer with other terms; the work order goes back to routing.

    At least one of ``payout_amount`` (at least the offered payout, at most the plant's
    ``counter_max_markup_pct`` above it) and ``delivery_date`` (not before the planned
    delivery, at most ``counter_max_delay_days`` after it). Raises ``NotFound`` for another
    plant's work order, ``Conflict`` when it is not offered (``invalid_transition``), when
    counters are off for the plant (``counter_not_allowed``) or it countered this work order
    already (``already_countered``), and ``Unprocessable`` (``counter_out_of_limits``) with
    the limits for terms outside them.
    """
    with transaction.atomic():
        try:
            work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if work_order.factory_id != factory.pk:
            raise NotFound("No such work order.")
        if work_order.status != WorkOrderStatus.OFFERED:
            raise Conflict(
                f"A work order that is {work_order.status} cannot be countered.",
                code="invalid_transition",
                extra=next_steps(work_order),
            )
        limits = counter_limits(work_order, factory)
        if limits is None:
            raise Conflict("Counter-offers are not open to your plant.", code="counter_not_allowed")
        terms = _terms(work_order, limits, payout_amount, delivery_date)
        try:
            with transaction.atomic():
                counter = CounterOffer.objects.create(
                    work_order=work_order,
                    factory=factory,
                    note=note[:500],
                    currency=work_order.payout_currency,
                    **terms,
                )
        except IntegrityError:
            raise Conflict(
                "You countered this work order already.", code="already_countered"
            ) from None
        work_order_transition(
            work_order_id=work_order.pk,
            event=WorkOrderEventType.COUNTERED,
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data={
                "factory": factory.code,
                "payout": str(counter.payout_amount),
                "delivery_date": counter.delivery_date.isoformat(),
                "note": counter.note,
            },
            changes={"factory": None},
        )
        capacity_release(work_order_id=work_order.pk)
    task_enqueue(ROUTE_WORK_ORDERS, args=[[work_order.pk]])
    return counter


def _terms(
    work_order: WorkOrder,
    limits: tuple[Decimal, date],
    payout_amount: Decimal | None,
    delivery_date: date | None,
) -> dict:
    highest, latest = limits
    offered = work_order.payout_amount
    planned = offered_delivery_date(work_order)
    assert offered is not None and planned is not None  # counter_limits said so
    price = offered if payout_amount is None else payout_amount
    day = planned if delivery_date is None else delivery_date
    errors: dict[str, list[str]] = {}
    if payout_amount is None and delivery_date is None:
        errors["payout_amount"] = ["Counter with a payout, a delivery date or both."]
    if not offered <= price <= highest:
        errors["payout_amount"] = [f"Between {offered} and {highest}."]
    if not planned <= day <= latest:
        errors["delivery_date"] = [f"Between {planned} and {latest}."]
    if price == offered and day == planned:
        errors.setdefault("payout_amount", ["The same terms as the offer: accept it instead."])
    if errors:
        raise Unprocessable(
            "These terms are outside what you may counter with.",
            code="counter_out_of_limits",
            errors=errors,
            extra={
                "offered_payout": str(offered),
                "max_payout": str(highest),
                "planned_delivery_date": planned.isoformat(),
                "latest_delivery_date": latest.isoformat(),
            },
        )
    return {"payout_amount": price, "delivery_date": day, "extra_days": (day - planned).days}
