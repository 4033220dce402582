"""Reading the settlement ledger: a plant's statement for a period."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from c2m.errors import ApplicationError
from production.models import Factory, SettlementEntry

MAX_PERIOD_DAYS = 366
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


class InvalidPeriod(ApplicationError):
    """Well-formed dates that make no statement (422, like other refusals of valid JSON)."""

    status = 422
    code = "invalid_period"


@dataclass(frozen=True)
class Statement:
    """A plant's account over [first_day, last_day] in the shop's time zone.

    ``closing_balance`` = ``opening_balance`` + the entries' amounts; positive is owed to
    the plant. ``payouts``, ``chargebacks``, ``adjustments`` and ``bookings`` (confirmed
    capacity-exchange bookings) are the period's totals by kind (chargebacks negative).
    """

    factory: Factory
    first_day: date
    last_day: date
    currency: str
    opening_balance: Decimal
    entries: list[SettlementEntry]
    payouts: Decimal
    chargebacks: Decimal
    adjustments: Decimal
    bookings: Decimal
    closing_balance: Decimal


def statement_period(
    first_day: date | None, last_day: date | None, *, today: date | None = None
) -> tuple[date, date]:
    """The period asked for, the current month (in the shop's time zone) by default.
    Raises ``InvalidPeriod`` for a day outside 2000-2099, a period that ends before it
    starts or spans more than a year."""
    for name, day in (("start", first_day), ("end", last_day)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise InvalidPeriod(
                gettext("Choose days between 2000 and 2099."), errors={name: ["2000–2099."]}
            )
    today = today or timezone.localdate(timezone=ZoneInfo(settings.SHOP_TIME_ZONE))
    first = first_day or (last_day or today).replace(day=1)
    last = last_day or _month_end(first)
    if last < first:
        raise InvalidPeriod(
            gettext("The period ends before it starts."), errors={"end": ["Before start."]}
        )
    if (last - first).days >= MAX_PERIOD_DAYS:
        raise InvalidPeriod(
            gettext("A statement covers a year at most."),
            errors={"end": ["More than a year after start."]},
        )
    return first, last


def factory_statement(*, factory: Factory, first_day: date, last_day: date) -> Statement:
    """The statement of ``factory`` (and only its entries) for the period; three queries."""
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    own = SettlementEntry.objects.filter(factory=factory)
    opening = own.filter(created_at__lt=start).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    entries = list(
        own.filter(created_at__gte=start, created_at__lt=end)
        .select_related("work_order")
        .order_by("created_at", "pk")
    )
    totals = {kind: Decimal("0.00") for kind in ("payout", "chargeback", "adjustment", "booking")}
    for entry in entries:
        totals[entry.kind] += entry.amount
    opening = opening.quantize(Decimal("0.01"))
    return Statement(
        factory=factory,
        first_day=first_day,
        last_day=last_day,
        currency=factory.payout_currency,
        opening_balance=opening,
        entries=entries,
        payouts=totals["payout"],
        chargebacks=totals["chargeback"],
        adjustments=totals["adjustment"],
        bookings=totals["booking"],
        closing_balance=opening + sum(totals.values(), Decimal("0.00")),
    )


@dataclass(frozen=True)
class StatementLine:
    entry: SettlementEntry
    balance: Decimal  # the running balance after this entry


def statement_lines(statement: Statement) -> list[StatementLine]:
    """The statement's entries, each with the running balance after it."""
    balance, lines = statement.opening_balance, []
    for entry in statement.entries:
        balance += entry.amount
        lines.append(StatementLine(entry=entry, balance=balance))
    return lines


CSV_COLUMNS = [
    "booked_at",
    "kind",
    "work_order_number",
    "order_number",
    "reference",
    "reason",
    "amount",
    "currency",
    "balance",
]


def statement_csv(statement: Statement) -> str:
    """The statement as CSV: a header, an ``opening_balance`` row, one row per entry with
    its running balance, a ``closing_balance`` row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    currency, blank = statement.currency, [""] * 5
    writer.writerow(
        [statement.first_day, "opening_balance", *blank, currency, statement.opening_balance]
    )
    for line in statement_lines(statement):
        entry, work_order = line.entry, line.entry.work_order
        writer.writerow(
            [
                entry.created_at.isoformat().replace("+00:00", "Z"),
                entry.kind,
                work_order.number if work_order else "",
                work_order.order_number if work_order else "",
                entry.reference,
                entry.reason,
                entry.amount,
                entry.currency,
                line.balance,
            ]
        )
    writer.writerow(
        [statement.last_day, "closing_balance", *blank, currency, statement.closing_balance]
    )
    return out.getvalue()


def statement_filename(statement: Statement) -> str:
    return f"statement-{statement.factory.code}-{statement.first_day}-{statement.last_day}.csv"


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
