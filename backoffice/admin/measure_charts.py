"""The measures as the dashboard shows them: a card and a chart each, this period against
the previous one (definitions: docs/measures.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from backoffice.admin.charts import comparison_chart
from backoffice.selectors.dashboard.measures import previous_period
from backoffice.selectors.dashboard.orders import Period


@dataclass(frozen=True)
class MeasureView:
    key: str
    title: str
    value: str
    previous: str
    detail: str
    definition: str
    chart: SafeString


def measure_views(
    measures: dict[str, dict[str, Any]], period: Period, scope: str
) -> list[MeasureView]:
    """One view per measure present (revenue and repurchase only for operators); ``scope``
    names the bars (the platform or the plant's code)."""
    legend = (_span(previous_period(period)), _span(period))
    views = []
    for key, build in BUILDERS.items():
        if key in measures:
            current, previous = measures[key]["current"], measures[key]["previous"]
            views.append(build(current, previous, (*legend, scope)))
    return views


def _span(period: Period) -> str:
    return f"{period.start:%m-%d}–{period.end:%m-%d}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _rate_view(key: str, title: str, rate: str, detail: str, definition: str, unit: str):
    def build(current: dict, previous: dict, legend: tuple[str, str, str]) -> MeasureView:
        return MeasureView(
            key=key,
            title=title,
            value=_pct(current[rate]),
            previous=_pct(previous[rate]),
            detail=detail.format(**current),
            definition=definition,
            chart=comparison_chart(
                title=title,
                unit=unit,
                groups=[(legend[2], previous[rate], current[rate])],
                legend=(legend[0], legend[1]),
                percent=True,
            ),
        )

    return build


def _per_plant(current: dict, previous: dict) -> list[tuple[str, Any, Any]]:
    """One bar group per plant in either period: (code, previous, current)."""
    plants = sorted(set(current["per_plant"]) | set(previous["per_plant"]))
    return [
        (code, previous["per_plant"].get(code), current["per_plant"].get(code)) for code in plants
    ]


def _capacity(current: dict, previous: dict, legend: tuple[str, str, str]) -> MeasureView:
    title = _("Idle-capacity use")
    return MeasureView(
        key="capacity_use",
        title=title,
        value=_pct(current["share"]),
        previous=_pct(previous["share"]),
        detail=_("%(booked)s of %(published)s published minutes booked")
        % {"booked": current["booked"], "published": current["published"]},
        definition=_("Booked over published minutes, per plant and work-centre type."),
        chart=comparison_chart(
            title=title,
            unit=_("published minutes (%)"),
            groups=_per_plant(current, previous),
            legend=(legend[0], legend[1]),
            percent=True,
        ),
    )


def _carbon(current: dict, previous: dict, legend: tuple[str, str, str]) -> MeasureView:
    title = _("Carbon per order")
    now, before = current["per_order_kg"], previous["per_order_kg"]
    parts = current["parts_kg"]
    return MeasureView(
        key="carbon",
        title=title,
        value="—" if now is None else _("%(kg)s kg") % {"kg": now},
        previous="—" if before is None else _("%(kg)s kg") % {"kg": before},
        detail=_(
            "%(total)s kg CO2e over %(orders)s orders: materials %(materials)s, electricity "
            "%(energy)s (%(measured)s of %(work)s work orders measured), transport %(transport)s"
        )
        % {
            "total": current["total_kg"],
            "orders": current["orders"],
            "materials": parts["materials_kg"],
            "energy": parts["energy_kg"],
            "transport": parts["transport_kg"],
            "measured": current["measured"],
            "work": current["work_orders"],
        },
        definition=_(
            "Sum of each order's work-order footprints (materials, factory electricity, "
            "transport) over the orders that have one."
        ),
        chart=comparison_chart(
            title=title,
            unit=_("kg CO2e per order"),
            groups=[
                (
                    legend[2],
                    None if before is None else float(before),
                    None if now is None else float(now),
                )
            ],
            legend=(legend[0], legend[1]),
        ),
    )


def _revenue(current: dict, previous: dict, legend: tuple[str, str, str]) -> MeasureView:
    title = _("Service revenue share")
    return MeasureView(
        key="service_revenue",
        title=title,
        value=_pct(current["share"]),
        previous=_pct(previous["share"]),
        detail=_("CNY %(service)s of CNY %(total)s order revenue")
        % {"service": current["service"], "total": current["total"]},
        definition=_("Price components of kind service over the orders' totals (CNY)."),
        chart=comparison_chart(
            title=title,
            unit=_("revenue in CNY (%)"),
            groups=[(legend[2], previous["share"], current["share"])],
            legend=(legend[0], legend[1]),
            percent=True,
        ),
    )


def _claims(current: dict, previous: dict, legend: tuple[str, str, str]) -> MeasureView:
    title = _("Customer-reported defects")

    def shown(value: float | None) -> str:
        return "—" if value is None else _("%(n)s per 1,000") % {"n": f"{value:g}"}

    return MeasureView(
        key="claim_rate",
        title=title,
        value=shown(current["per_thousand"]),
        previous=shown(previous["per_thousand"]),
        detail=_("%(defective)s defective pieces reported of %(shipped)s shipped")
        % {"defective": current["defective"], "shipped": current["shipped"]},
        definition=_(
            "Pieces named by customers' defect claims (not declined) per 1,000 pieces "
            "shipped, per plant."
        ),
        chart=comparison_chart(
            title=title,
            unit=_("per 1,000 pieces shipped"),
            groups=_per_plant(current, previous),
            legend=(legend[0], legend[1]),
        ),
    )


BUILDERS: dict[str, Any] = {
    "repurchase": lambda c, p, lg: _rate_view(
        "repurchase",
        _("Repurchase rate"),
        "rate",
        _("{repeat} of {customers} customers ordered again"),
        _("Customers with an order within 12 months after an earlier one."),
        _("customers (%)"),
    )(c, p, lg),
    "on_time": lambda c, p, lg: _rate_view(
        "on_time",
        _("On time against the promise"),
        "rate",
        _("{on_time} of {due} orders due were delivered by their promised date"),
        _("Orders promised in the period, delivered on or before the promised date."),
        _("orders due (%)"),
    )(c, p, lg),
    "capacity_use": _capacity,
    "collaboration": lambda c, p, lg: _rate_view(
        "collaboration",
        _("Cross-plant collaboration"),
        "share",
        _("{several_plants} of {orders} orders were made by more than one plant"),
        _("Orders whose work was made by two or more plants."),
        _("orders (%)"),
    )(c, p, lg),
    "carbon": _carbon,
    "claim_rate": _claims,
    "service_revenue": _revenue,
}
