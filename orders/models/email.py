"""Emails to customers: each written with the change it tells of, and kept as the record of
what was sent."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .email_status import OrderEmailStatus
from .order import Order


class OrderEmail(models.Model):
    """One email about an order (``kind`` and the ``extra`` that names its parcel, line or
    claim). A worker renders and sends it in the customer's language; until the mail server
    takes it, it stays pending and is tried again at ``available_at``."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=30)
    extra = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=OrderEmailStatus.choices, default=OrderEmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=255, blank=True)
    # What was sent, to whom and when (set when the server takes it).
    to = models.EmailField(blank=True)
    subject = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("email to the customer")
        verbose_name_plural = _("emails to the customer")
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(status="pending"),
                name="order_email_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
