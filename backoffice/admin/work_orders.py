"""Work orders in the admin: the factory's queue, and the operators' whole view."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from backoffice.admin import actions
from backoffice.admin.downloads import job_ticket, production_file
from backoffice.admin.money import money_text
from backoffice.admin.routing_display import routing_explanation
from backoffice.admin.scoping import FactoryScopedAdmin
from c2m.roles import staff_factory_id
from c2m.tabular import SpreadsheetResource
from production.models import WorkOrder, WorkOrderEvent, WorkOrderEventType, WorkOrderStatus
from production.models.work_order_status import FACTORY_STAFF_VISIBLE, FINISHED
from production.selectors.production_files import work_order_files
from production.services.address_reveals import address_reveals_record

S = WorkOrderStatus


class DueDateFilter(admin.SimpleListFilter):
    title = "due date"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("today", "Due today"),
            ("week", "Due in the next 7 days"),
            ("later", "Due later"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = timezone.localdate()
        open_ = queryset.exclude(status__in=FINISHED)
        return {
            "overdue": lambda: open_.filter(due_date__lt=today),
            "today": lambda: queryset.filter(due_date=today),
            "week": lambda: queryset.filter(due_date__gt=today, due_date__lte=today + timedelta(7)),
            "later": lambda: queryset.filter(due_date__gt=today + timedelta(7)),
        }.get(self.value() or "", lambda: queryset)()


def address_label(work_order: WorkOrder) -> str:
    """The shipping label's lines, or '' while the work order is not accepted."""
    if not work_order.address_visible_to_factory():
        return ""
    keys = ["name", "phone", "line1", "line2", "city", "region", "postal_code", "country"]
    return "\n".join(str(work_order.ship_to[k]) for k in keys if work_order.ship_to.get(k))


class WorkOrderResource(SpreadsheetResource):
    factory = Field(attribute="factory__code", column_name="factory")
    ship_to = Field(column_name="ship_to")

    class Meta:
        model = WorkOrder
        fields = ["number", "order_number", "status", "product_sku", "product_name"]
        fields += ["quantity", "due_date", "factory", "ship_to"]
        export_order = fields

    def filter_export(self, queryset: QuerySet, **kwargs: Any) -> QuerySet:
        return queryset.select_related("factory").order_by("pk")

    def dehydrate_ship_to(self, work_order: WorkOrder) -> str:
        return address_label(work_order)


@admin.register(WorkOrder)
class WorkOrderAdmin(FactoryScopedAdmin):
    operator_permissions = frozenset({"view"})
    factory_staff_permissions = frozenset({"view"})
    export_name = "work-orders"
    list_display = [
        "number",
        "order_number",
        "product_name",
        "quantity",
        "status_badge",
        "express",
        "due",
        "payout",
        "factory",
        "updated_at",
    ]
    list_filter = ["status", "express", DueDateFilter, "factory"]
    search_fields = ["number", "order_number", "product_sku"]
    factory_staff_search_fields = ("number", "order_number")
    list_select_related = ["factory"]
    list_per_page = 50
    # Express (priority) work first: it is due sooner and the customer paid for that.
    ordering = ["-express", "due_date", "pk"]
    actions = [
        actions.accept,
        actions.decline,
        actions.start,
        actions.qc_passed,
        actions.qc_failed,
        actions.rework,
        actions.ship,
        actions.reroute,
        actions.release,
        actions.cancel,
        "export_csv",
        "export_xlsx",
    ]
    base_fields = [
        "number",
        "order_number",
        "status_badge",
        "product_name",
        "product_sku",
        "quantity",
        "express",
        "due",
        "payout",
        "accept_by",
        "capabilities",
        "configuration",
        "operations",
        "bill_of_materials",
        "downloads",
        "ship_to_label",
        "shipments",
    ]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        if staff_factory_id(request.user) is not None:
            return [f for f in self.list_display if f != "factory"]
        return list(self.list_display)

    def get_fields(self, request: HttpRequest, obj: WorkOrder | None = None) -> list[Any]:
        if staff_factory_id(request.user) is not None:
            return [*self.base_fields, "factory_timeline"]
        return [
            *self.base_fields[:3],
            "factory",
            "version",
            *self.base_fields[3:],
            "routing",
            "timeline",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: WorkOrder | None = None) -> list[str]:
        return self.get_fields(request, obj)

    def get_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/job-ticket/",
                view(self.job_ticket_view),
                name="production_workorder_job_ticket",
            ),
            path(
                "<path:object_id>/files/<str:name>",
                view(self.file_view),
                name="production_workorder_file",
            ),
            *super().get_urls(),
        ]

    def job_ticket_view(self, request: HttpRequest, object_id: str):
        return job_ticket(self._visible(request, object_id))

    def file_view(self, request: HttpRequest, object_id: str, name: str):
        return production_file(self._visible(request, object_id), name)

    def _visible(self, request: HttpRequest, object_id: str) -> WorkOrder:
        if not self.has_view_permission(request):
            self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        work_order = self.get_object(request, object_id)
        if work_order is None:
            self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return work_order

    # --- columns and fields ---------------------------------------------------------------
    @admin.display(description="status", ordering="status")
    def status_badge(self, obj: WorkOrder) -> str:
        # Colours per status in css/c2m-admin.css (no inline styles under the CSP).
        return format_html(
            '<span class="c2m-badge c2m-status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="due", ordering="due_date")
    def due(self, obj: WorkOrder) -> str:
        today = timezone.localdate()
        if obj.status in FINISHED:
            css = "c2m-due"
        elif obj.due_date < today:
            css = "c2m-due c2m-overdue"
        elif obj.due_date <= today + timedelta(days=2):
            css = "c2m-due c2m-due-soon"
        else:
            css = "c2m-due"
        late = " late" if "overdue" in css else ""
        return format_html(
            '<span class="{}" title="{}">{}{}</span>',
            css,
            "overdue" if late else "",
            obj.due_date.isoformat(),
            late,
        )

    @admin.display(description=_("payout"), ordering="payout_amount")
    def payout(self, obj: WorkOrder) -> str:
        """What the plant is paid, frozen on its offer (the router's costing)."""
        if obj.payout_amount is None:
            return "—"
        return format_html(
            '<span class="c2m-payout">{}</span>', money_text(obj.payout_amount, obj.payout_currency)
        )

    @admin.display(description=_("accept by"))
    def accept_by(self, obj: WorkOrder) -> str:
        if obj.status != S.OFFERED or obj.offer_expires_at is None:
            return "—"
        return _when(obj.offer_expires_at)

    @admin.display(description="configuration")
    def configuration(self, obj: WorkOrder) -> str:
        summary = obj.snapshot.get("configuration_summary") or []
        rows = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", (tuple(r) for r in summary))
        preflight = format_html_join(
            "",
            '<tr class="preflight-{}"><th>{} artwork</th><td>{} DPI · {}</td></tr>',
            (
                (r.get("level"), code, r.get("effective_dpi"), r.get("level"))
                for code, r in (obj.snapshot.get("artwork_preflight") or {}).items()
            ),
        )
        return format_html('<table class="c2m-kv">{}{}</table>', rows, preflight)

    @admin.display(description="required capabilities")
    def capabilities(self, obj: WorkOrder) -> str:
        return ", ".join(obj.required_capabilities or []) or "—"

    @admin.display(description="operations")
    def operations(self, obj: WorkOrder) -> str:
        rows = (
            (
                op.get("seq"),
                op.get("code"),
                op.get("centre"),
                op.get("minutes"),
                "; ".join(f"{k}: {v}" for k, v in (op.get("parameters") or {}).items()) or "—",
            )
            for op in obj.snapshot.get("operations") or []
        )
        return _table(("#", "operation", "work centre", "minutes", "parameters"), rows)

    @admin.display(description="bill of materials")
    def bill_of_materials(self, obj: WorkOrder) -> str:
        rows = (
            (item.get("material"), item.get("quantity"), item.get("unit"))
            for item in obj.snapshot.get("bill_of_materials") or []
        )
        return _table(("material", "quantity", "unit"), rows)

    @admin.display(description="job ticket and files")
    def downloads(self, obj: WorkOrder) -> str:
        listing = work_order_files(obj)
        if listing.status == "preparing":
            return "Being prepared: the files are listed here once they are all made."
        rows = (
            (
                reverse("admin:production_workorder_file", args=[obj.pk, row.name]),
                row.name,
                row.get_kind_display(),
                filesizeformat(row.size),
            )
            for row in listing.files
        )
        failed = (
            format_html(
                '<p class="errornote">{}</p>', "Some files could not be made: see the timeline."
            )
            if listing.status == "failed"
            else ""
        )
        return format_html(
            '{}<table class="c2m-files"><thead><tr><th>file</th><th>kind</th><th>size</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            failed,
            format_html_join(
                "", '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>', rows
            ),
        )

    @admin.display(description="ship to")
    def ship_to_label(self, obj: WorkOrder) -> str:
        label = address_label(obj)
        if not label:
            return "Shown once the work order is accepted."
        return format_html('<pre class="c2m-label">{}</pre>', label)

    @admin.display(description="shipments")
    def shipments(self, obj: WorkOrder) -> str:
        rows = ((s.carrier, s.tracking_number, _when(s.created_at)) for s in obj.shipments.all())
        return format_html_join("", "<div>{} {} · {}</div>", rows) or "—"

    @admin.display(description="routing (operators only)")
    def routing(self, obj: WorkOrder) -> str:
        return routing_explanation(obj)

    @admin.display(description="timeline")
    def timeline(self, obj: WorkOrder) -> str:
        rows = (
            (_when(e.created_at), e.type, e.from_status, e.to_status, e.actor, _data(e))
            for e in obj.events.all()
        )
        return _timeline_table(rows)

    @admin.display(description="timeline")
    def factory_timeline(self, obj: WorkOrder) -> str:
        rows = (
            (_when(e.created_at), e.type, e.from_status, e.to_status, "", "")
            for e in _factory_view_of(list(obj.events.all()), obj)
        )
        return _timeline_table(rows)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if staff_factory_id(request.user) is not None and response.status_code == 200:
            # The page shows the factory's staff the shipping label once it accepted.
            work_order = self.get_object(request, object_id)
            address_reveals_record(work_orders=[work_order] if work_order else [], via="admin")
        return response

    # --- export ---------------------------------------------------------------------------
    def export_resource(self, request: HttpRequest) -> WorkOrderResource:
        return WorkOrderResource()

    def export_response(self, request: HttpRequest, queryset: QuerySet, fmt: str) -> HttpResponse:
        response = super().export_response(request, queryset, fmt)
        if staff_factory_id(request.user) is not None:
            work_orders = list(self.scope(request, queryset).order_by("pk"))
            address_reveals_record(work_orders=work_orders, via="admin")
        return response


def _factory_view_of(events: list[WorkOrderEvent], work_order: WorkOrder) -> list[WorkOrderEvent]:
    """Events since this factory's own offer, of the kinds a factory deals with."""
    code = work_order.factory.code if work_order.factory else None
    start = 0
    for i, event in enumerate(events):
        if event.type == WorkOrderEventType.OFFERED and event.data.get("factory") == code:
            start = i
    return [e for e in events[start:] if e.type in FACTORY_STAFF_VISIBLE]


def _timeline_table(rows) -> str:
    body = format_html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>", rows
    )
    return format_html('<table class="c2m-timeline">{}</table>', body)


def _data(event: WorkOrderEvent) -> str:
    return ", ".join(f"{k}: {_plain(v)}" for k, v in (event.data or {}).items())


def _plain(value: object) -> str:
    """An event's data value in words: nested mappings and lists without Python's quotes."""
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {_plain(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _table(headers: tuple[str, ...], rows) -> str:
    """A small read-only table, or "—" without rows."""
    cells = "".join("<td>{}</td>" for _ in headers)
    body = format_html_join("", f"<tr>{cells}</tr>", rows)
    if not body:
        return "—"
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    return format_html('<table class="c2m-kv"><tr>{}</tr>{}</table>', head, body)


def _when(moment) -> str:
    """A timestamp as staff read it: local time to the second."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
