"""Warranties of delivered goods, and their care reminders: half a year after delivery,
then a year, two years, ... after it, as long as the warranty lasts, each sent once."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from orders.models import CareReminder, Order, OrderLine, Warranty
from orders.services.emails import order_email_queue

# A durable item's first care reminder goes out this long after delivery (oil the wood,
# tighten the fittings): early enough to matter. It stands for month 6 of the schedule.
CARE_REMINDER_AFTER = timedelta(days=180)
FIRST_REMINDER_MONTHS = 6
# Then one a year, on the delivery's anniversary, while the warranty lasts.
YEARLY = 12
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
            care_reminder_due_on=_next_due(delivered_on, line.warranty_months, after=None),
        )
        for line in lines
    ]
    return Warranty.objects.bulk_create(fresh, ignore_conflicts=True) if fresh else []


def care_reminder_schedule(starts_on: date, months: int) -> list[tuple[int, date]]:
    """The care reminders of a warranty of ``months`` from ``starts_on``, as (months after
    delivery, due date): the half-year one, then every 12 months, each strictly before
    the warranty ends (a reminder on the day it ends would come too late to matter)."""
    ends_on = months_after(starts_on, months)
    schedule = [(FIRST_REMINDER_MONTHS, starts_on + CARE_REMINDER_AFTER)]
    schedule += [(m, months_after(starts_on, m)) for m in range(YEARLY, months, YEARLY)]
    return [(m, due) for m, due in schedule if due < ends_on]


def _next_due(starts_on: date, months: int, *, after: date | None) -> date | None:
    """The first reminder due after ``after`` (None: the first of all), or None."""
    return next(
        (
            due
            for _, due in care_reminder_schedule(starts_on, months)
            if after is None or due > after
        ),
        None,
    )


def warranty_care_reminders_send(*, today: date | None = None) -> int:
    """Send the care reminders that are due: each milestone of each warranty once, ever.

    Claims due warranties with ``SKIP LOCKED``, records each reminder (a ``CareReminder``
    row, unique per warranty and milestone) and moves the warranty on to its next one in
    the same transaction, so two runs at once, or a run repeated, never send one twice.
    A run that comes late (the task was down) sends only the latest milestone reached,
    never a backlog. The email goes after commit, in the customer's language. Returns how
    many were sent.
    """
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        due = list(
            Warranty.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(care_reminder_due_on__isnull=False, care_reminder_due_on__lte=today)
            .select_related("order_line")
            .order_by("care_reminder_due_on", "pk")[:REMINDERS_PER_RUN]
        )
        languages = dict(
            Order.objects.filter(pk__in={w.order_line.order_id for w in due}).values_list(
                "pk", "language"
            )
        )
        now = timezone.now()
        for warranty in due:
            pointer = warranty.care_reminder_due_on
            assert pointer is not None  # filtered above
            reached = [
                (months, on)
                for months, on in care_reminder_schedule(warranty.starts_on, warranty.months)
                if pointer <= on <= today
            ]
            warranty.care_reminder_due_on = _next_due(
                warranty.starts_on, warranty.months, after=today
            )
            fields = ["care_reminder_due_on"]
            line = warranty.order_line
            if reached:
                months, on = reached[-1]
                _reminder, created = CareReminder.objects.get_or_create(
                    warranty=warranty,
                    months=months,
                    defaults={"due_on": on, "sent_at": now, "language": languages[line.order_id]},
                )
                if created:
                    warranty.care_reminder_sent_at = now
                    fields.append("care_reminder_sent_at")
                    order_email_queue(
                        order_id=line.order_id,
                        kind="care_reminder",
                        extra={"line_id": line.pk, "months": months, "years": months // YEARLY},
                    )
                    sent += 1
            warranty.save(update_fields=fields)
    return sent
