"""The settlement ledger in the admin: its entries, and a plant's statement per period.

Factory staff see their own plant's entries and statement only (the plant comes from their
membership, never from the query string); operators choose the plant and may book an
adjustment. Nobody edits or deletes an entry: the ledger is append-only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.admin.money import money_text
from backoffice.admin.scoping import FactoryScopedAdmin
from c2m.errors import ApplicationError
from c2m.roles import is_operator, staff_factory_id
from production.models import Factory, SettlementEntry
from production.selectors.settlement import (
    InvalidPeriod,
    Statement,
    factory_statement,
    statement_csv,
    statement_filename,
    statement_lines,
    statement_period,
)
from production.services.settlement import ledger_adjust

TEMPLATE = "admin/c2m/statement.html"
ENTRY_FIELDS = (
    "created_at",
    "factory",
    "kind",
    "work_order",
    "amount_text",
    "reference",
    "reason",
    "actor",
)


class StatementForm(forms.Form):
    """The period, and for operators the plant."""

    start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    factory = forms.ModelChoiceField(
        label=_("Factory"),
        queryset=Factory.objects.order_by("name"),
        error_messages={"invalid_choice": _("Choose a factory from the list.")},
    )

    def __init__(self, *args: Any, choose_factory: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not choose_factory:
            del self.fields["factory"]


class AdjustmentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Positive: the plant is owed more; negative: less."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


@admin.register(SettlementEntry)
class SettlementEntryAdmin(FactoryScopedAdmin):
    operator_permissions = frozenset({"view"})
    factory_staff_permissions = frozenset({"view"})
    list_display = ["created_at", "factory", "kind", "work_order", "amount_text", "reference"]
    list_filter = ["kind", "factory"]
    search_fields = ["reference", "work_order__number", "work_order__order_number"]
    factory_staff_search_fields = ("reference", "work_order__number")
    list_select_related = ["factory", "work_order"]
    date_hierarchy = "created_at"
    fields = ENTRY_FIELDS
    readonly_fields = ENTRY_FIELDS
    actions: list[str] = []

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        if staff_factory_id(request.user) is not None:
            return [f for f in self.list_display if f != "factory"]
        return list(self.list_display)

    @admin.display(description=_("amount"), ordering="amount")
    def amount_text(self, obj: SettlementEntry) -> str:
        return money_text(obj.amount, obj.currency)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra = {"statement_url": reverse("admin:production_settlemententry_statement")}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def get_urls(self) -> list:
        statement = self.admin_site.admin_view(self.statement_view)
        return [
            path("statement/", statement, name="production_settlemententry_statement"),
            *super().get_urls(),
        ]

    def statement_view(self, request: HttpRequest) -> HttpResponse:
        """A plant's statement for a period; ``?format=csv`` downloads it; operators may
        POST an adjustment for the plant shown."""
        own_factory_id = staff_factory_id(request.user)
        if own_factory_id is None and not is_operator(request.user):
            raise Http404
        if own_factory_id is not None and request.GET.get("factory", "") not in (
            "",
            str(own_factory_id),
        ):
            raise Http404
        first, last = statement_period(None, None)
        initial: dict[str, Any] = {"start": first, "end": last}
        if own_factory_id is None:
            initial["factory"] = (
                Factory.objects.order_by("name").values_list("pk", flat=True).first()
            )
        form = StatementForm(
            {**initial, **request.GET.dict()}, choose_factory=own_factory_id is None
        )
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": gettext("Settlement statement"),
            "form": form,
            "opts": self.opts,
        }
        if not form.is_valid():
            return TemplateResponse(request, TEMPLATE, context)
        factory = (
            Factory.objects.get(pk=own_factory_id)
            if own_factory_id is not None
            else form.cleaned_data["factory"]
        )
        try:
            first, last = statement_period(form.cleaned_data["start"], form.cleaned_data["end"])
        except InvalidPeriod as refused:
            form.add_error(None, refused.detail)
            return TemplateResponse(request, TEMPLATE, context)
        adjustment = AdjustmentForm(request.POST or None) if own_factory_id is None else None
        if request.method == "POST":
            if adjustment is None:
                raise Http404
            if adjustment.is_valid():
                return self._adjust(request, factory, adjustment)
        statement = factory_statement(factory=factory, first_day=first, last_day=last)
        if request.GET.get("format") == "csv":
            return statement_download(statement)
        context.update(
            factory=factory,
            statement=statement,
            rows=statement_rows(statement),
            figures=statement_figures(statement),
            adjustment=adjustment,
            csv_query=f"{request.GET.urlencode()}&format=csv"
            if request.GET
            else _query(factory, first, last, own_factory_id is None),
        )
        return TemplateResponse(request, TEMPLATE, context)

    def _adjust(
        self, request: HttpRequest, factory: Factory, adjustment: AdjustmentForm
    ) -> HttpResponse:
        try:
            entry = ledger_adjust(
                factory=factory,
                amount=adjustment.cleaned_data["amount"],
                reason=adjustment.cleaned_data["reason"],
                actor=f"operator:{request.user.get_username()}",
            )
        except ApplicationError as refused:
            self.message_user(request, refused.detail, messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("Adjustment of %(amount)s booked for %(factory)s.")
                % {"amount": money_text(entry.amount, entry.currency), "factory": factory.name},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.get_full_path())


def _query(factory: Factory, first: date, last: date, with_factory: bool) -> str:
    query = f"start={first.isoformat()}&end={last.isoformat()}&format=csv"
    return f"{query}&factory={factory.pk}" if with_factory else query


def statement_figures(statement: Statement) -> list[tuple[str, str]]:
    """The statement's headline figures, formatted, in reading order."""
    c = statement.currency
    return [
        (gettext("opening balance"), money_text(statement.opening_balance, c)),
        (gettext("payouts accrued"), money_text(statement.payouts, c)),
        (gettext("chargebacks"), money_text(statement.chargebacks, c)),
        (gettext("adjustments"), money_text(statement.adjustments, c)),
        (gettext("capacity bookings"), money_text(statement.bookings, c)),
        (gettext("closing balance"), money_text(statement.closing_balance, c)),
    ]


def statement_rows(statement: Statement) -> list[dict[str, Any]]:
    """Each entry with its running balance, formatted."""
    return [
        {
            "entry": line.entry,
            "amount": money_text(line.entry.amount, line.entry.currency),
            "balance": money_text(line.balance, statement.currency),
        }
        for line in statement_lines(statement)
    ]


def statement_download(statement: Statement) -> HttpResponse:
    """The statement as the factory API's CSV export writes it."""
    return HttpResponse(
        statement_csv(statement).encode(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{statement_filename(statement)}"'},
    )
