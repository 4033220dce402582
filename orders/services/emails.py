"""Emails to the customer, in the language they shopped in.

An email is a row (``OrderEmail``) written in the transaction of the change it tells of;
a worker sends it after the commit (``orders.send_emails``), and beat's sweep sends again
whatever a mail server outage or a lost message left pending. Each is sent once: the row
is locked while it is sent and is then ``sent``, with the recipient, subject and time.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPRecipientsRefused
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Sum
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from c2m.db import check_transition, lock_one
from c2m.scheduling import task_enqueue
from orders.models import (
    ORDER_EMAIL_TRANSITIONS,
    Order,
    OrderEmail,
    OrderEmailStatus,
    PaymentStatus,
)
from orders.selectors.invoice import invoice_pay_by
from orders.selectors.order_progress import order_progress
from orders.selectors.timeline import order_timeline

logger = logging.getLogger(__name__)

SEND_EMAILS_TASK = "orders.send_emails"
SEND_BATCH = 200
# After the n-th failed try, the next comes this much later: about a day of tries in all
# (a mail server down for the night loses nothing), then the email is failed for an operator.
RETRY_DELAYS = [timedelta(minutes=m) for m in (1, 2, 5, 10, 30, 60, 120, 240, 480, 480, 480)]

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
    tells of does, and have a worker send it once that commits. A mail server that is down
    never fails or undoes the change: the email waits and is tried again
    (``order_emails_send``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown order email {kind!r}")
    email = OrderEmail.objects.create(order_id=order_id, kind=kind, extra=extra or {})
    task_enqueue(SEND_EMAILS_TASK, args=[[email.pk]])


def order_emails_send(*, email_ids: list[int] | None = None) -> int:
    """Send the pending emails among ``email_ids`` (default: every pending one that is due)
    and return how many the mail server took.

    Each is locked while it is sent, and rows another worker holds are skipped, so an
    email delivered to several workers at once is sent once. A server that fails leaves
    the email pending, due again after a longer wait each time (``RETRY_DELAYS``); after
    the last try, or when the server refuses the address, it is ``failed`` for an
    operator to see and send again.
    """
    now = timezone.now()
    pending = OrderEmail.objects.filter(status=OrderEmailStatus.PENDING)
    if email_ids is None:
        pending = pending.filter(available_at__lte=now)
    else:
        pending = pending.filter(pk__in=email_ids)
    sent = 0
    for email_id in pending.order_by("pk").values_list("pk", flat=True)[:SEND_BATCH]:
        sent += _send_one(email_id)
    return sent


def order_email_retry(*, email_id: int, actor: str) -> OrderEmail:
    """An operator sends a failed email again: pending and due now."""
    with transaction.atomic():
        email = lock_one(OrderEmail.objects, pk=email_id)
        check_transition(
            ORDER_EMAIL_TRANSITIONS, email.status, OrderEmailStatus.PENDING, what="email"
        )
        email.status = OrderEmailStatus.PENDING
        email.attempts = 0
        email.available_at = timezone.now()
        email.save(update_fields=["status", "attempts", "available_at"])
        logger.info("email %s sent again by %s", email.pk, actor)
        task_enqueue(SEND_EMAILS_TASK, args=[[email.pk]])
    return email


def order_emails_retry_failed(*, order_id: int, actor: str) -> int:
    """Send the order's failed emails again (an operator, after fixing the address or the
    mail server); return how many."""
    failed = OrderEmail.objects.filter(order_id=order_id, status=OrderEmailStatus.FAILED)
    ids = list(failed.order_by("pk").values_list("pk", flat=True))
    for email_id in ids:
        order_email_retry(email_id=email_id, actor=actor)
    return len(ids)


def _send_one(email_id: int) -> int:
    with transaction.atomic():
        email = (
            OrderEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OrderEmailStatus.PENDING)
            .first()
        )
        if email is None:  # sent or being sent by another worker
            return 0
        email.attempts += 1
        try:
            message = order_email_message(email=email)
            email.to, email.subject = message.to[0], message.subject[:255]
            message.send()
        except SMTPRecipientsRefused as refused:
            _move(email, OrderEmailStatus.FAILED, error=f"address refused: {refused}")
            return 0
        except Exception as failure:  # the mail server is down or slow: try again later
            logger.warning("email %s (%s) not sent: %r", email.pk, email.kind, failure)
            if email.attempts >= len(RETRY_DELAYS):
                _move(email, OrderEmailStatus.FAILED, error=repr(failure))
            else:
                email.available_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
                email.last_error = repr(failure)[:255]
                email.save(
                    update_fields=["attempts", "available_at", "last_error", "to", "subject"]
                )
            return 0
        email.sent_at = timezone.now()
        _move(email, OrderEmailStatus.SENT)
        return 1


def _move(email: OrderEmail, to: str, *, error: str = "") -> None:
    check_transition(ORDER_EMAIL_TRANSITIONS, email.status, to, what="email")
    email.status = to
    email.last_error = error[:255]
    email.save()
