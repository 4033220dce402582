"""Emails as a worker sends them: what ``orders.send_emails`` does after the commit."""

from __future__ import annotations

from django.core import mail

from orders.models import OrderEmail, OrderEmailStatus
from orders.services.emails import order_emails_send


def emails_sent() -> list[mail.EmailMessage]:
    """Send every pending email, as the worker the commit notified would, and return
    Django's test outbox (each email the mail server took)."""
    pending = OrderEmail.objects.filter(status=OrderEmailStatus.PENDING)
    order_emails_send(email_ids=list(pending.values_list("pk", flat=True)))
    return mail.outbox
