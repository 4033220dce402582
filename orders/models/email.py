"""Emails to customers: each written with the change it tells of, and kept as the record of
what was sent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from c2m.emails import QueuedEmail

from .order import Order


class OrderEmail(QueuedEmail):
    """One email about an order (``kind`` and the ``extra`` that names its parcel, line or
    claim), in the customer's language (``c2m.emails``)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    extra = models.JSONField(default=dict, blank=True)

    class Meta(QueuedEmail.Meta):
        verbose_name = _("email to the customer")
        verbose_name_plural = _("emails to the customer")
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(status="pending"),
                name="order_email_due_idx",
            )
        ]
