"""Emails to the customer, in the language they shopped in.

An email is a row (``OrderEmail``) written in the transaction of the change it tells of;
a worker sends it after the commit (``orders.send_emails``), and beat's sweep sends again
whatever a mail server outage or a lost message left pending, once each (``c2m.emails``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Sum
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from c2m.emails import email_queue, email_retry, emails_retry_failed, emails_send
from orders.models import Order, OrderEmail, PaymentStatus
from orders.selectors.invoice import invoice_pay_by
from orders.selectors.order_progress import order_progress
from orders.selectors.timeline import order_timeline

SEND_EMAILS_TASK = "orders.send_emails"

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


def order_email_message(*, email: OrderEmail) -> EmailMultiAlternatives:
    """Render ``email`` (``placed``, ``shipped``, ``delivered``, ``promise_broken``,
    ``cancelled``, ``care_reminder``, ``claim_filed`` or ``claim_update``) in the customer's
    language. ``shipped`` is about one parcel: ``extra`` names it (``parcel_id``) and the
    email says what is inside; ``care_reminder`` is about one order line (``line_id``) and
    its warranty; the claim emails name the claim (``claim_id``)."""
    order = Order.objects.prefetch_related("lines__warranty", "shipments", "events").get(
        pk=email.order_id
    )
    extra = email.extra
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
        subject = render_to_string(f"emails/order_{email.kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/order_{email.kind}.txt", context)
        html = _render_html(f"emails/order_{email.kind}.html", context)
    message = EmailMultiAlternatives(subject, body, to=[order.email])
    if html:
        message.attach_alternative(html, "text/html")
    return message


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


def order_email_queue(*, order_id: int, kind: str, extra: dict[str, Any] | None = None) -> None:
    """Write the email in the current transaction, so it exists exactly when the change it
    tells of does, and have a worker send it once that commits (``c2m.emails``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown order email {kind!r}")
    email_queue(OrderEmail, SEND_EMAILS_TASK, order_id=order_id, kind=kind, extra=extra or {})


def order_emails_send(*, email_ids: list[int] | None = None) -> int:
    """Send the pending emails among ``email_ids`` (default: every pending one that is due),
    once each, and return how many the mail server took (``c2m.emails.emails_send``)."""
    return emails_send(OrderEmail, lambda email: order_email_message(email=email), email_ids)


def order_email_retry(*, email_id: int, actor: str) -> OrderEmail:
    """An operator sends a failed email again: pending and due now."""
    return email_retry(OrderEmail, SEND_EMAILS_TASK, email_id, actor)


def order_emails_retry_failed(*, order_id: int, actor: str) -> int:
    """Send the order's failed emails again (an operator, after fixing the address or the
    mail server); return how many."""
    return emails_retry_failed(
        OrderEmail.objects.filter(order_id=order_id), SEND_EMAILS_TASK, actor
    )
