"""Work-order admin actions: each calls the same service as the factory API or the router."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from backoffice.admin.forms import DeclineForm, ReasonForm, ReleaseForm, ShipForm
from backoffice.admin.policy import apply_each
from c2m.roles import staff_factory_id
from production.models import Factory, WorkOrder, WorkOrderEventType
from production.services.capacity_reservations import capacity_release
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.release import work_order_release
from production.services.rerouting import work_order_reroute
from production.services.work_orders import work_order_transition


def admin_actor(request: HttpRequest) -> str:
    """Who did it, as written on event rows: ``factory:<code>:admin:<user>`` or ``admin:<user>``."""
    factory_id = staff_factory_id(request.user)
    if factory_id is not None:
        code = Factory.objects.values_list("code", flat=True).get(pk=factory_id)
        return f"factory:{code}:admin:{request.user.get_username()}"
    return f"admin:{request.user.get_username()}"


def each_work_order(
    modeladmin: Any,
    request: HttpRequest,
    queryset: QuerySet,
    step: Callable[[WorkOrder, str], Any],
    done: str,
) -> None:
    """Apply ``step`` to each work order; report successes and each refusal by number."""
    apply_each(
        modeladmin,
        request,
        queryset,
        step,
        actor=admin_actor(request),
        done=done,
        noun="work order",
    )


def ask(
    modeladmin: Any,
    request: HttpRequest,
    queryset: QuerySet,
    form_class: type,
    title: str,
) -> tuple[Any, TemplateResponse | None]:
    """An intermediate page: (cleaned data, None) once submitted, else (None, the page)."""
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            return form.cleaned_data, None
    else:
        form = form_class(
            initial={
                "action": request.POST.get("action", ""),
                helpers.ACTION_CHECKBOX_NAME: request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            }
        )
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "objects": queryset,
        "opts": modeladmin.model._meta,
    }
    return None, TemplateResponse(request, "admin/c2m/action_form.html", context)


def _factory(request: HttpRequest) -> Factory:
    factory_id = staff_factory_id(request.user)
    if factory_id is None:
        raise PermissionDenied("Only a factory's staff act for a factory.")
    return Factory.objects.get(pk=factory_id)


# --- factory staff ------------------------------------------------------------------------
def accept(modeladmin, request, queryset):
    factory = _factory(request)
    each_work_order(
        modeladmin,
        request,
        queryset,
        lambda wo, actor: work_order_accept(factory=factory, work_order_id=wo.pk, actor=actor),
        "Accepted",
    )


def decline(modeladmin, request, queryset):
    data, page = ask(modeladmin, request, queryset, DeclineForm, "Decline work orders")
    if page:
        return page
    factory = _factory(request)
    each_work_order(
        modeladmin,
        request,
        queryset,
        lambda wo, actor: work_order_decline(
            factory=factory,
            work_order_id=wo.pk,
            actor=actor,
            reason_code=data["reason_code"],
            reason=data["reason"],
        ),
        "Declined",
    )
    return None


def _report(event: str, data: dict[str, Any]) -> Callable:
    def step(request: HttpRequest) -> Callable[[WorkOrder, str], Any]:
        factory = _factory(request)
        return lambda wo, actor: work_order_report(
            factory=factory, work_order_id=wo.pk, actor=actor, event=event, data=data
        )

    return step


def start(modeladmin, request, queryset):
    each_work_order(
        modeladmin, request, queryset, _report(WorkOrderEventType.STARTED, {})(request), "Started"
    )


def qc_passed(modeladmin, request, queryset):
    each_work_order(
        modeladmin,
        request,
        queryset,
        _report(WorkOrderEventType.QC_PASSED, {})(request),
        "QC passed",
    )


def qc_failed(modeladmin, request, queryset):
    data, page = ask(modeladmin, request, queryset, ReasonForm, "QC failed: why?")
    if page:
        return page
    step = _report(WorkOrderEventType.QC_FAILED, {"reason": data["reason"]})(request)
    each_work_order(modeladmin, request, queryset, step, "QC failure recorded")
    return None


def rework(modeladmin, request, queryset):
    """After a failed QC: back to production to repair it (it must pass QC again)."""
    each_work_order(
        modeladmin, request, queryset, _report(WorkOrderEventType.REWORK, {})(request), "Reworking"
    )


def ship(modeladmin, request, queryset):
    data, page = ask(modeladmin, request, queryset, ShipForm, "Ship work orders")
    if page:
        return page
    parcel = {"carrier": data["carrier"], "tracking_number": data["tracking_number"]}
    each_work_order(
        modeladmin,
        request,
        queryset,
        _report(WorkOrderEventType.SHIPPED, parcel)(request),
        "Shipped",
    )
    return None


# --- operators ----------------------------------------------------------------------------
def reroute(modeladmin, request, queryset):
    """Withdraw an offer (capacity released, never offered there again) or retry unroutable
    work; the router offers it again after commit."""

    def step(wo: WorkOrder, actor: str) -> None:
        work_order_reroute(work_order_id=wo.pk, actor=actor, reason="operator re-route")

    each_work_order(modeladmin, request, queryset, step, "Re-routed")


def release(modeladmin, request, queryset):
    """Take accepted work back from its plant (audited, charged to its quality score) and
    route it again at once, never to that plant."""
    data, page = ask(modeladmin, request, queryset, ReleaseForm, "Release accepted work")
    if page:
        return page

    def step(wo: WorkOrder, actor: str) -> None:
        work_order_release(
            work_order_id=wo.pk,
            actor=actor,
            reason_code=data["reason_code"],
            reason=data["reason"],
        )

    each_work_order(modeladmin, request, queryset, step, "Released")
    return None


def cancel(modeladmin, request, queryset):
    data, page = ask(modeladmin, request, queryset, ReasonForm, "Cancel work orders")
    if page:
        return page

    def step(wo: WorkOrder, actor: str) -> None:
        with transaction.atomic():
            work_order_transition(
                work_order_id=wo.pk,
                event=WorkOrderEventType.CANCELLED,
                actor=actor,
                data={"reason": data["reason"]},
            )
            capacity_release(work_order_id=wo.pk)

    each_work_order(modeladmin, request, queryset, step, "Cancelled")
    return None


for _fn, _label, _perm in [
    (accept, "Accept", "factory"),
    (decline, "Decline…", "factory"),
    (start, "Start production", "factory"),
    (qc_passed, "QC passed", "factory"),
    (qc_failed, "QC failed…", "factory"),
    (rework, "Rework after failed QC", "factory"),
    (ship, "Ship…", "factory"),
    (reroute, "Re-route (offer again)", "operate"),
    (release, "Release accepted work (re-route, charge plant)…", "operate"),
    (cancel, "Cancel…", "operate"),
]:
    admin.action(description=_label, permissions=[_perm])(_fn)
