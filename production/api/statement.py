"""The factory's settlement statement: JSON, and the same figures as CSV."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from c2m.api import parse_query
from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import FactoryApi, errors
from production.selectors.settlement import (
    Statement,
    factory_statement,
    statement_csv,
    statement_filename,
    statement_lines,
    statement_period,
)


def money(help_text: str = "") -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, help_text=help_text)


class StatementQuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)


class StatementEntrySerializer(serializers.Serializer):
    booked_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(
        choices=["payout", "chargeback", "adjustment", "booking"],
        help_text="payout: a shipped work order's payout; chargeback: a reprint charged "
        "back for a claim at your fault; adjustment: an operator's correction; booking: "
        "your earnings from a capacity-exchange booking you confirmed.",
    )
    work_order_number = serializers.CharField(allow_blank=True)
    order_number = serializers.CharField(allow_blank=True)
    reference = serializers.CharField(
        allow_blank=True, help_text="Parcel, claim or capacity booking."
    )
    reason = serializers.CharField(allow_blank=True)
    amount = money("Positive: owed to you.")
    balance = money("Running balance after it.")


class StatementSerializer(serializers.Serializer):
    factory = serializers.CharField(help_text="Your factory's code.")
    start = serializers.DateField(help_text="First day (Asia/Shanghai), inclusive.")
    end = serializers.DateField(help_text="Last day, inclusive.")
    currency = serializers.CharField()
    opening_balance = money()
    payouts = money()
    chargebacks = money()
    adjustments = money()
    bookings = money("Your earnings from confirmed capacity-exchange bookings.")
    closing_balance = money("opening_balance + payouts + chargebacks + adjustments + bookings.")
    entries = StatementEntrySerializer(many=True)


PERIOD = [
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description="First day; default the 1st of this month."
    ),
    OpenApiParameter(
        "end", OpenApiTypes.DATE, description="Last day; default the end of start's month."
    ),
]


def statement_document(statement: Statement) -> dict:
    """The statement as the API shows it: entries with their running balance."""
    entries = []
    for line in statement_lines(statement):
        entry, work_order = line.entry, line.entry.work_order
        entries.append(
            {
                "booked_at": entry.created_at,
                "kind": entry.kind,
                "work_order_number": work_order.number if work_order else "",
                "order_number": work_order.order_number if work_order else "",
                "reference": entry.reference,
                "reason": entry.reason,
                "amount": entry.amount,
                "balance": line.balance,
            }
        )
    return {
        "factory": statement.factory.code,
        "start": statement.first_day,
        "end": statement.last_day,
        "currency": statement.currency,
        "opening_balance": statement.opening_balance,
        "payouts": statement.payouts,
        "chargebacks": statement.chargebacks,
        "adjustments": statement.adjustments,
        "bookings": statement.bookings,
        "closing_balance": statement.closing_balance,
        "entries": entries,
    }


def _statement(request: FactoryRequest) -> Statement:
    query = parse_query(StatementQuerySerializer, request)
    first, last = statement_period(query.get("start"), query.get("end"))
    return factory_statement(factory=request.user, first_day=first, last_day=last)


class StatementApi(FactoryApi):
    @extend_schema(
        operation_id="statement_retrieve",
        summary="Your settlement statement",
        description="What the platform owes you over a period (at most a year; the current "
        "month by default): the opening balance, every entry booked in the period (payouts "
        "of shipped work orders, chargebacks, adjustments) with a running balance, and the "
        "closing balance. Only your factory's entries, ever. A period that ends before it "
        "starts, spans more than a year or leaves 2000–2099 answers 422 `invalid_period`.",
        parameters=PERIOD,
        responses={200: StatementSerializer, **errors(400, 422)},
        examples=examples.STATEMENT,
    )
    def get(self, request: FactoryRequest) -> Response:
        return Response(StatementSerializer(statement_document(_statement(request))).data)


class StatementCsvApi(FactoryApi):
    @extend_schema(
        operation_id="statement_csv",
        summary="Your settlement statement as CSV",
        description="The statement's entries as a CSV attachment (UTF-8), between an "
        "`opening_balance` row and a `closing_balance` row.",
        parameters=PERIOD,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            **errors(400, 422),
        },
    )
    def get(self, request: FactoryRequest) -> HttpResponse:
        statement = _statement(request)
        return HttpResponse(
            statement_csv(statement).encode(),
            content_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{statement_filename(statement)}"'
            },
        )
