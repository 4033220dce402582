"""The router's stored explanation of a work order, as operators read it on its admin page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from production.models import RoutingDecision, WorkOrder

RUNS_SHOWN = 3
CANDIDATES_SHOWN = 8
COST_COLUMNS = ("production_cost", "shipping_cost", "lateness_penalty", "quality_bonus", "total")
COST_HEADERS = ("production", "shipping", "lateness", "quality bonus", "total")


def routing_explanation(work_order: WorkOrder) -> SafeString | str:
    """The last ``RUNS_SHOWN`` routing decisions, newest first: outcome, the parts given out
    and the cheapest candidates with their cost components and why each was (not) chosen."""
    decisions = list(
        RoutingDecision.objects.filter(work_order=work_order).order_by("-created_at", "-pk")[
            : RUNS_SHOWN + 1
        ]
    )
    if not decisions:
        return "Not routed yet."
    shown = format_html_join("", "{}", ((_decision(d),) for d in decisions[:RUNS_SHOWN]))
    if len(decisions) > RUNS_SHOWN:
        return format_html("{}<p>Earlier runs are not shown.</p>", shown)
    return shown


def _decision(decision: RoutingDecision) -> SafeString:
    when = timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M:%S")
    heading = format_html(
        "<p><strong>{}</strong> · {} · run {} · {}{}</p>",
        decision.get_outcome_display(),
        when,
        decision.run_id,
        decision.method or "—",
        format_html(" · {}", decision.reason) if decision.reason else "",
    )
    parts = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                a.get("work_order"),
                a.get("factory"),
                a.get("quantity"),
                a.get("delivery_date"),
                a.get("total"),
            )
            for a in decision.assignments
        ),
    )
    if parts:
        parts = format_html(
            '<table class="c2m-kv"><tr><th>work order</th><th>factory</th><th>quantity</th>'
            "<th>delivery</th><th>total cost</th></tr>{}</table>",
            parts,
        )
    return format_html("{}{}{}", heading, parts, _candidates(decision.candidates))


def _candidates(candidates: list[dict]) -> SafeString | str:
    rows = [
        (
            format_html("<strong>{}</strong>", c.get("factory"))
            if c.get("chosen")
            else c.get("factory"),
            *(c.get(column) or "—" for column in COST_COLUMNS),
            c.get("why") or "",
        )
        for c in candidates[:CANDIDATES_SHOWN]
    ]
    if not rows:
        return ""
    cells = "".join("<td>{}</td>" for _ in range(len(COST_COLUMNS) + 2))
    body = format_html_join("", f"<tr>{cells}</tr>", rows)
    head = format_html_join("", "<th>{}</th>", ((h,) for h in ("factory", *COST_HEADERS, "why")))
    more = len(candidates) - CANDIDATES_SHOWN
    tail = format_html("<p>… and {} more factories.</p>", more) if more > 0 else ""
    return format_html(
        '<table class="c2m-kv c2m-candidates"><tr>{}</tr>{}</table>{}', head, body, tail
    )
