"""Links to the admin's own pages (dashboard, exceptions, calendar, imports) by role."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from c2m.roles import is_operator, staff_factory_id

register = template.Library()


@register.simple_tag(takes_context=True)
def c2m_admin_links(context) -> list[tuple[str, str]]:
    user = context["request"].user
    calendar = ("Capacity calendar", reverse("admin:production_capacityday_calendar"))
    dashboard = ("Dashboard", reverse("c2m_admin:dashboard"))
    statement = (_("Settlement statement"), reverse("admin:production_settlemententry_statement"))
    if staff_factory_id(user) is not None:
        work_orders = ("My work orders", reverse("admin:production_workorder_changelist"))
        return [work_orders, calendar, dashboard, statement]
    if not is_operator(user):
        return []
    return [
        dashboard,
        ("Exceptions", reverse("c2m_admin:exceptions")),
        statement,
        calendar,
        ("Import factories", reverse("c2m_admin:import", args=["factories"])),
        ("Import products", reverse("c2m_admin:import", args=["products"])),
    ]


@register.filter
def percent(value: float | None) -> str:
    """A ratio (0..1) as a whole percentage; "—" when there is nothing to divide by."""
    return "—" if value is None else f"{round(value * 100)}%"
