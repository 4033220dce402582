"""The operators' dashboard: platform and per-factory figures over a chosen period."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone

from c2m.roles import is_operator
from orders.selectors import dashboard as order_figures
from orders.selectors.dashboard import Period
from production.admin.charts import bar_chart, line_chart
from production.models import Factory
from production.selectors import dashboard as work_figures
from production.selectors.dashboard import PLATFORM

MAX_DAYS = 366


class PeriodForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError("The period must start before it ends.")
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(f"Choose at most {MAX_DAYS} days.")
        return data


def dashboard_figures(period: Period) -> dict:
    """Everything the dashboard shows, each figure one aggregate query (or a few)."""
    return {
        "orders_per_day": order_figures.orders_per_day(period=period),
        "work_orders_per_day": work_figures.work_orders_per_day(period=period),
        "lead": order_figures.order_lead_times(period=period),
        "revenue": order_figures.service_revenue(period=period),
        "repurchase": order_figures.repurchase(period=period),
        "idle": work_figures.idle_capacity_share(period=period),
        "factories": work_figures.factory_figures(period=period),
    }


def dashboard_view(request: HttpRequest) -> TemplateResponse:
    if not is_operator(request.user):
        raise Http404
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"start": today - timedelta(days=29), "end": today})
    context = {**admin.site.each_context(request), "title": "Dashboard", "form": form}
    if not form.is_valid():
        return TemplateResponse(request, "admin/c2m/dashboard.html", context)
    period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
    figures = dashboard_figures(period)
    names = dict(Factory.objects.values_list("code", "name"))
    per_factory = sorted(
        (
            {"code": code, "name": names.get(code, code), **row}
            for code, row in figures["factories"].items()
            if code != PLATFORM
        ),
        key=lambda r: r["code"],
    )
    platform = figures["factories"].get(PLATFORM) or work_figures.empty_figures()
    days = period.days()
    context.update(
        figures=figures,
        platform=platform,
        per_factory=per_factory,
        period=period,
        orders_total=sum(figures["orders_per_day"].values()),
        work_orders_total=sum(figures["work_orders_per_day"].values()),
        volume_chart=line_chart(
            title="Orders and work orders per day",
            days=days,
            series={
                "orders": figures["orders_per_day"],
                "work orders": figures["work_orders_per_day"],
            },
        ),
        utilization_chart=bar_chart(
            title="Utilization of published capacity",
            bars=[(r["code"], r["utilization"]) for r in per_factory],
            percent=True,
        ),
        on_time_chart=bar_chart(
            title="On-time rate per factory",
            bars=[(r["code"], r["on_time_rate"]) for r in per_factory],
            percent=True,
        ),
        lead_chart=bar_chart(
            title="p90 lead time per factory (days)",
            bars=[(r["code"], r["p90_lead_days"]) for r in per_factory],
        ),
    )
    return TemplateResponse(request, "admin/c2m/dashboard.html", context)
