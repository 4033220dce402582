"""The dashboard: platform or per-factory figures over a chosen period.

Operators choose the period and a factory (or the whole platform). Factory staff see their
own factory only: the factory comes from their membership, never from the query string, and
a query naming another factory answers 404, like every other admin page they cannot see.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.admin.charts import bar_chart, line_chart
from backoffice.admin.measure_charts import measure_views
from backoffice.selectors.dashboard import PLATFORM, dashboard_figures
from backoffice.selectors.dashboard.attention import needs_attention
from backoffice.selectors.dashboard.measures import measures
from backoffice.selectors.dashboard.orders import Period
from c2m.roles import is_operator, staff_factory_id
from production.models import Factory

MAX_DAYS = 366
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
TEMPLATE = "admin/c2m/dashboard.html"


class DashboardForm(forms.Form):
    """The period, and for operators the factory (empty: the whole platform)."""

    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    factory = forms.ModelChoiceField(
        queryset=Factory.objects.order_by("name"),
        required=False,
        empty_label="Whole platform",
        error_messages={"invalid_choice": "Choose a factory from the list."},
    )

    def __init__(self, *args, choose_factory: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not choose_factory:
            del self.fields["factory"]

    def clean(self) -> dict:
        data = super().clean() or self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
                raise forms.ValidationError(
                    f"Choose dates between {EARLIEST:%-d %b %Y} and {LATEST:%-d %b %Y}."
                )
            if start > end:
                raise forms.ValidationError("The period must start before it ends.")
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(f"Choose at most {MAX_DAYS} days.")
        return data


def dashboard_view(request: HttpRequest) -> TemplateResponse:
    own_factory_id = staff_factory_id(request.user)
    if own_factory_id is None and not is_operator(request.user):
        raise Http404
    if own_factory_id is not None and request.GET.get("factory", "") not in (
        "",
        str(own_factory_id),
    ):
        raise Http404
    today = timezone.localdate()
    defaults = {"start": today - timedelta(days=29), "end": today}
    form = DashboardForm({**defaults, **request.GET.dict()}, choose_factory=own_factory_id is None)
    context = {**admin.site.each_context(request), "title": "Dashboard", "form": form}
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, context)
    if own_factory_id is not None:
        factory = Factory.objects.get(pk=own_factory_id)
    else:
        factory = form.cleaned_data["factory"]
    period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
    commercial = own_factory_id is None
    figures = dashboard_figures(period, factory, commercial=commercial)
    scope = factory.code if factory else _("Platform")
    context.update(
        measures=measure_views(
            measures(period=period, factory=factory, commercial=commercial), period, scope
        ),
        attention=needs_attention(factory=factory),
        figures=figures,
        factory=factory,
        period=period,
        orders_total=sum(figures["orders_per_day"].values()),
        work_orders_total=sum(figures["work_orders_per_day"].values()),
        **(_factory_page(figures, factory, period) if factory else _platform_page(figures, period)),
    )
    return TemplateResponse(request, TEMPLATE, context)


def _platform_page(figures: dict, period: Period) -> dict:
    names = dict(Factory.objects.values_list("code", "name"))
    per_factory = sorted(
        (
            {"code": code, "name": names.get(code, code), **row}
            for code, row in figures["factories"].items()
            if code != PLATFORM
        ),
        key=lambda r: r["code"],
    )
    return {
        "summary": figures["factories"][PLATFORM],
        "per_factory": per_factory,
        "charts": [
            _volume_chart(figures, period),
            bar_chart(
                title="Utilization of published capacity",
                bars=[(r["code"], r["utilization"]) for r in per_factory],
                percent=True,
            ),
            bar_chart(
                title="On-time rate per factory",
                bars=[(r["code"], r["on_time_rate"]) for r in per_factory],
                percent=True,
            ),
            bar_chart(
                title="p90 lead time per factory (days)",
                bars=[(r["code"], r["p90_lead_days"]) for r in per_factory],
            ),
        ],
    }


def _factory_page(figures: dict, factory: Factory, period: Period) -> dict:
    row = figures["factories"][factory.code]
    return {
        "summary": row,
        "per_factory": [{"code": factory.code, "name": factory.name, **row}],
        "charts": [
            _volume_chart(figures, period),
            line_chart(
                title="Utilization of published capacity per day",
                days=period.days(),
                series={"reserved / available": figures["utilization_per_day"]},
                percent=True,
            ),
        ],
    }


def _volume_chart(figures: dict, period: Period):
    return line_chart(
        title="Orders and work orders per day",
        days=period.days(),
        series={
            "orders": figures["orders_per_day"],
            "work orders": figures["work_orders_per_day"],
        },
    )
