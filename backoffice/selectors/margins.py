"""The platform's margin per order: what the customer paid net of VAT minus what the
plants are paid for it (their frozen payouts, less chargebacks recovered from them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from configurator.money import quantize_money
from orders.models import Order
from production.models import SettlementEntry, SettlementKind, WorkOrder, WorkOrderStatus

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


@dataclass(frozen=True)
class Margin:
    """One order's figures, all in ``currency``. ``unpriced`` counts work orders no plant
    has been offered yet (no payout known): the margin is provisional while it is not 0.
    ``margin`` is None when a plant is paid in another currency than the order's."""

    currency: str
    revenue_net: Decimal
    payouts: Decimal
    chargebacks: Decimal
    unpriced: int
    margin: Decimal | None


def orders_with_payouts(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """``queryset`` annotated with what ``order_margin`` reads; one query for a page."""
    live = WorkOrder.objects.filter(order_id=OuterRef("pk")).exclude(
        status=WorkOrderStatus.CANCELLED
    )
    payouts = live.values("order_id").annotate(
        total=Sum("payout_amount"),
        unpriced=Count("pk", filter=Q(payout_amount__isnull=True)),
        foreign=Count(
            "pk", filter=~Q(payout_currency=OuterRef("currency")) & ~Q(payout_currency="")
        ),
    )
    chargebacks = (
        SettlementEntry.objects.filter(
            work_order__order_id=OuterRef("pk"), kind=SettlementKind.CHARGEBACK
        )
        .values("work_order__order_id")
        .annotate(total=Sum("amount"))
    )
    return queryset.annotate(
        payouts_total=Coalesce(Subquery(payouts.values("total")), ZERO),
        payouts_unpriced=Coalesce(Subquery(payouts.values("unpriced")), 0),
        payouts_foreign=Coalesce(Subquery(payouts.values("foreign")), 0),
        chargebacks_total=Coalesce(Subquery(chargebacks.values("total")), ZERO),
    )


def order_margin(order: Order) -> Margin:
    """The margin of an order annotated by ``orders_with_payouts``.

    Revenue net of VAT: the total less the VAT it includes at ``settings.SHOP_VAT_RATE``
    (the shop's prices include VAT, as checkout states it).
    """
    rate = Decimal(settings.SHOP_VAT_RATE)
    vat = quantize_money(order.total * rate / (100 + rate), order.currency) if rate > 0 else 0
    revenue_net = order.total - vat
    payouts = Decimal(order.payouts_total)  # type: ignore[attr-defined]
    chargebacks = -Decimal(order.chargebacks_total)  # type: ignore[attr-defined]
    foreign = order.payouts_foreign  # type: ignore[attr-defined]
    return Margin(
        currency=order.currency,
        revenue_net=revenue_net,
        payouts=payouts,
        chargebacks=chargebacks,
        unpriced=order.payouts_unpriced,  # type: ignore[attr-defined]
        margin=None if foreign else revenue_net - payouts + chargebacks,
    )
