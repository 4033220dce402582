"""Warranties of delivered goods, and the care reminder each durable item gets once."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from orders.models import OrderLine, Warranty
from orders.services.emails import order_email_on_commit

# A durable item's care reminder goes out this long after delivery (oil the wood, tighten
# the fittings): early enough to matter, once.
CARE_REMINDER_AFTER = timedelta(days=180)
REMINDERS_PER_RUN = 200


def months_after(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def warranties_register(*, order_id: int, delivered_on: date) -> list[Warranty]:
    """Register the warranty of each line of a delivered order that was sold with one
    (``OrderLine.warranty_months`` > 0), from ``delivered_on``.

    Idempotent: a line has one warranty (a one-to-one), so a repeated delivery report
    neither adds one nor moves its dates. Returns the warranties created now.
    """
    lines = OrderLine.objects.filter(
        order_id=order_id, warranty_months__gt=0, warranty__isnull=True
    )
    fresh = [
        Warranty(
            order_line=line,
            starts_on=delivered_on,
            ends_on=months_after(delivered_on, line.warranty_months),
            months=line.warranty_months,
            care_reminder_due_on=delivered_on + CARE_REMINDER_AFTER,
        )
        for line in lines
    ]
    return Warranty.objects.bulk_create(fresh, ignore_conflicts=True) if fresh else []


def warranty_care_reminders_send(*, today: date | None = None) -> int:
    """Send the care reminders that are due: one email per warranty, ever.

    Claims due reminders with ``SKIP LOCKED`` and marks them sent in the same transaction,
    so two runs at once, or a run repeated, never send one twice; the email goes after
    commit, in the customer's language. Returns how many were sent.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Warranty.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(care_reminder_sent_at__isnull=True, care_reminder_due_on__lte=today)
            .select_related("order_line")
            .order_by("care_reminder_due_on", "pk")[:REMINDERS_PER_RUN]
        )
        now = timezone.now()
        Warranty.objects.filter(pk__in=[w.pk for w in due]).update(care_reminder_sent_at=now)
        for warranty in due:
            line = warranty.order_line
            order_email_on_commit(
                order_id=line.order_id, kind="care_reminder", extra={"line_id": line.pk}
            )
    return len(due)
