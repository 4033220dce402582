"""Emails to the customer, in the language they shopped in."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from orders.models import Order, PaymentStatus
from orders.selectors.invoice import invoice_pay_by
from orders.selectors.order_progress import order_progress
from orders.selectors.timeline import order_timeline

logger = logging.getLogger(__name__)

KINDS = (
    "placed",
    "shipped",
    "delivered",
    "promise_broken",
    "cancelled",
    "care_reminder",
    "claim_filed",
    "claim_update",
)


def order_tracking_url(*, order: Order) -> str:
    """The link a guest follows to the order page; the token in it is the order's secret."""
    return f"{settings.SITE_URL.rstrip('/')}{order.get_absolute_url()}?token={order.tracking_token}"


def order_email_send(*, order_id: int, kind: str, extra: dict[str, Any] | None = None) -> None:
    """Render and send one email (``placed``, ``shipped``, ``delivered``,
    ``promise_broken``, ``cancelled`` or ``care_reminder``). ``shipped`` is about one
    parcel: ``extra`` names it (``parcel_id``) and the email says what is inside;
    ``care_reminder`` is about one order line (``line_id``) and its warranty."""
    if kind not in KINDS:
        raise ValueError(f"unknown order email {kind!r}")
    order = Order.objects.prefetch_related("lines__warranty", "shipments", "events").get(
        pk=order_id
    )
    extra = extra or {}
    with translation.override(order.language or settings.LANGUAGE_CODE):
        parcels = order_progress(order=order).parcels
        lines = list(order.lines.all())  # with their products (order_progress)
        context = {
            "order": order,
            "lines": lines,
            "line": next((line for line in lines if line.pk == extra.get("line_id")), None),
            "shipments": list(order.shipments.all()),
            "parcel": next((p for p in parcels if p.id == extra.get("parcel_id")), None),
            "refunded": order.payments.filter(status=PaymentStatus.REFUNDED).aggregate(
                total=Sum("refunded_amount")
            )["total"],
            "timeline": order_timeline(order=order),
            "tracking_url": order_tracking_url(order=order),
            "pay_by": invoice_pay_by(order=order),
            **extra,
        }
        if "claim_id" in extra:
            context |= _claim_context(order, extra["claim_id"])
        subject = render_to_string(f"emails/order_{kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/order_{kind}.txt", context)
        html = _render_html(f"emails/order_{kind}.html", context)
    send_mail(subject, body, None, [order.email], html_message=html)


def _claim_context(order: Order, claim_id: int) -> dict[str, Any]:
    from orders.selectors.claims import claim_timeline

    claim = order.claims.select_related("line").get(pk=claim_id)
    timeline = claim_timeline(claim=claim)
    return {"claim": claim, "claim_latest": timeline[-1] if timeline else None}


def _render_html(name: str, context: dict[str, Any]) -> str | None:
    """The email's HTML part (with the designs' pictures) when the kind has one."""
    try:
        return render_to_string(name, context)
    except TemplateDoesNotExist:
        return None


def order_email_on_commit(*, order_id: int, kind: str, extra: dict[str, Any] | None = None) -> None:
    """Send the email once the current transaction commits; a mail server failure is
    logged and never undoes or fails the change that caused it."""
    transaction.on_commit(
        partial(_send_quietly, order_id=order_id, kind=kind, extra=extra), robust=True
    )


def _send_quietly(**kwargs: Any) -> None:
    try:
        order_email_send(**kwargs)
    except Exception:
        logger.exception("could not send order email %s", kwargs)
