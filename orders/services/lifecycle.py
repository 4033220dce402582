"""What operators and customers do with a placed order: mark it paid or delivered,
cancel it while nothing is being made yet, or order it again."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from c2m.db import lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from orders.models import (
    Cart,
    Order,
    OrderStatus,
    OutboxMessage,
    Payment,
    PaymentIntent,
    PaymentIntentKind,
    PaymentIntentStatus,
    PaymentStatus,
)
from orders.models.payment_intent_status import LIVE
from orders.models.payment_status import VOIDABLE
from orders.ports import order_production_cancel
from orders.selectors.catalog import products_by_sku
from orders.services.cart import cart_line_add
from orders.services.configurations import configuration_create
from orders.services.emails import order_email_queue
from orders.services.orders import order_move, order_paid, order_transition
from orders.services.payments.intents import (
    payment_intent_finalizer,
    payment_intent_move,
    payment_intents_send_on_commit,
    payment_refund_record,
)
from orders.services.payments.status import payment_move, payment_transition
from orders.services.service_tasks import service_tasks_cancel
from orders.services.warranties import warranties_register

# The refund intents a cancellation records (``PaymentIntent.purpose``).
CANCELLATION = "cancellation"


def order_mark_paid(*, order_id: int, actor: str, reference: str = "") -> Order:
    """Record that an order awaiting payment (an invoice) is paid; production starts.

    Raises ``Conflict`` when the order is not awaiting payment.
    """
    with transaction.atomic():
        order = _lock(order_id)
        if order.status != OrderStatus.PENDING_PAYMENT:
            raise Conflict(
                _("Only an order awaiting payment can be marked paid."),
                code="invalid_transition",
                extra={"current_status": order.status},
            )
        payment = order.payments.filter(status=PaymentStatus.PENDING).order_by("-pk").first()
        if payment is not None:
            payment_transition(payment_id=payment.pk, to=PaymentStatus.CAPTURED)
        order_paid(order=order, actor=actor, data={"reference": reference} if reference else {})
    return order


def order_cancel(*, order_id: int, actor: str, reason: str = "") -> Order:
    """Cancel an order no factory has accepted yet; its work orders are cancelled, their
    capacity released and any captured payment refunded.

    The refunds are recorded with the cancellation and sent to the provider once it
    commits, with no lock held (one the provider does not answer is finished by the
    reconciler). Raises ``Conflict`` (code ``not_cancellable``) once a plant has
    accepted work.
    """
    with transaction.atomic():
        order = Order.objects.filter(pk=order_id).first()
        if order is None:
            raise NotFound(_("No such order."))
        _check_cancellable(order)
        # Lock the planning message before the work orders, as the planner does, so a
        # planner running now either finished (and its work orders are cancelled below)
        # or waits and then skips this cancelled order.
        list(
            OutboxMessage.objects.select_for_update()
            .filter(topic="order.paid", payload__order_id=order.pk)
            .order_by("pk")
        )
        order_production_cancel(order_id=order.pk, actor=actor)
        order = _lock(order_id)
        _check_cancellable(order)
        order_move(
            order=order,
            to=OrderStatus.CANCELLED,
            actor=actor,
            data={"reason": reason} if reason else {},
        )
        refunds = _settle_payments(order, actor)
        service_tasks_cancel(order_id=order.pk, actor=actor)
        payment_intents_send_on_commit(intent_ids=refunds)
        order_email_queue(order_id=order.pk, kind="cancelled")
    return order


def order_cancel_unpaid(*, order_id: int, actor: str, reason: str) -> bool:
    """Cancel an order still awaiting its payment (its pending payment is voided, the
    shopper emailed ``reason``); False, changing nothing, once it is paid or cancelled.
    Nothing was planned for it yet: production starts from the payment."""
    with transaction.atomic():
        order = _lock(order_id)
        if order.status != OrderStatus.PENDING_PAYMENT:
            return False
        order_move(order=order, to=OrderStatus.CANCELLED, actor=actor, data={"reason": reason})
        _settle_payments(order, actor)
        order_email_queue(order_id=order.pk, kind="cancelled", extra={"reason": reason})
    return True


def order_mark_delivered(*, order_id: int, actor: str, data: dict[str, Any] | None = None) -> Order:
    """The carrier confirmed delivery of every parcel. Raises ``Conflict`` unless shipped."""
    with transaction.atomic():
        order = order_transition(
            order_id=order_id, to=OrderStatus.DELIVERED, actor=actor, data=data
        )
        warranties_register(order_id=order.pk, delivered_on=timezone.localdate())
        order_email_queue(order_id=order.pk, kind="delivered")
    return order


def order_reorder(*, order: Order, cart: Cart) -> tuple[int, list[str]]:
    """Put an earlier order's configurations into the cart, validated and priced today.

    Returns how many lines were added and a message for each line that could not be.
    """
    products = products_by_sku(skus={line.product_sku for line in order.lines.all()})
    added, problems = 0, []
    for line in order.lines.all():
        product = products.get(line.product_sku)
        if product is None:
            problems.append(_("%(name)s is no longer on sale.") % {"name": line.product_name})
            continue
        try:
            with transaction.atomic():
                configuration, quantity = configuration_create(
                    product=product,
                    raw={"options": line.configuration, "quantity": line.quantity},
                )
                cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
        except ApplicationError:
            problems.append(
                _("%(name)s has changed since you ordered it; please configure it again.")
                % {"name": line.product_name}
            )
            continue
        added += 1
    return added, problems


def _check_cancellable(order: Order) -> None:
    if not order.can_cancel():
        raise Conflict(
            _("This order can no longer be cancelled: a factory has started on it.")
            if order.status != OrderStatus.CANCELLED
            else _("This order is already cancelled."),
            code="not_cancellable",
            extra={"current_status": order.status},
        )


def _settle_payments(order: Order, actor: str) -> list[int]:
    """Void what was not collected; record a refund of what was. Returns the refund
    intents to send after commit."""
    refunds = []
    for payment in Payment.objects.select_for_update().filter(order=order).order_by("pk"):
        owed = payment.captured_amount - payment.refunded_amount
        if payment.status == PaymentStatus.CAPTURED and owed > 0:
            under_way = payment.intents.filter(
                kind=PaymentIntentKind.REFUND, purpose=CANCELLATION, status__in=LIVE
            ).exists()
            if not under_way:
                intent = PaymentIntent.objects.create(
                    kind=PaymentIntentKind.REFUND,
                    purpose=CANCELLATION,
                    provider=payment.provider,
                    currency=payment.currency,
                    amount=owed,
                    order=order,
                    payment=payment,
                    request={"actor": actor},
                )
                refunds.append(intent.pk)
        elif payment.status in VOIDABLE:
            payment_move(payment=payment, to=PaymentStatus.VOIDED)
    return refunds


@payment_intent_finalizer(CANCELLATION)
def order_cancel_refund_finalize(intent_id: int) -> None:
    """Record a cancelled order's refund the provider made, once (see ``FINALIZERS``)."""
    payment_id = PaymentIntent.objects.values_list("payment_id", flat=True).get(pk=intent_id)
    with transaction.atomic():
        payment = lock_one(Payment.objects, pk=payment_id)
        intent = lock_one(PaymentIntent.objects, pk=intent_id)
        if intent.status != PaymentIntentStatus.SUCCEEDED:
            return
        payment_refund_record(payment=payment, amount=intent.amount, actor=intent.request["actor"])
        payment_intent_move(intent=intent, to=PaymentIntentStatus.COMPLETED)


def _lock(order_id: int) -> Order:
    try:
        return lock_one(Order.objects, pk=order_id)
    except Order.DoesNotExist:
        raise NotFound(_("No such order.")) from None
