"""The exception list: work that needs an operator, with retry where retrying makes sense.

- Unroutable work orders (no factory could take them): retry routes them again.
- Offers past the factory's offer SLA: retry takes the offer back and routes again.
- Open work orders past their due date: shown, for a phone call rather than a button.
- Failed planning and routing tasks, when production records them as
  ``ProductionException`` rows (retried through ``production.services.exceptions``).
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib import admin, messages
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.db.models.functions import Now
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from c2m.errors import ApplicationError
from c2m.roles import is_operator
from production.admin import actions
from production.models import WorkOrder, WorkOrderStatus

S = WorkOrderStatus
LIMIT = 200


def exceptions_view(request: HttpRequest) -> TemplateResponse | HttpResponseRedirect:
    if not is_operator(request.user):
        raise Http404
    work_order_admin = admin.site._registry[WorkOrder]
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("work_order") if i.isdigit()]
        if ids:
            queryset = WorkOrder.objects.filter(pk__in=ids, status__in=[S.UNROUTABLE, S.OFFERED])
            actions.reroute(work_order_admin, request, queryset)
        failures = [int(i) for i in request.POST.getlist("exception") if i.isdigit()]
        if failures:
            _retry_failures(request, failures)
        return HttpResponseRedirect(request.path)
    sla = ExpressionWrapper(
        F("factory__offer_sla_hours") * Value(timedelta(hours=1)), output_field=DurationField()
    )
    work = WorkOrder.objects.select_related("factory")
    context = {
        **admin.site.each_context(request),
        "title": "Exceptions",
        "unroutable": work.filter(status=S.UNROUTABLE).order_by("due_date")[:LIMIT],
        "late_offers": work.filter(status=S.OFFERED, updated_at__lt=Now() - sla).order_by(
            "updated_at"
        )[:LIMIT],
        "overdue": work.exclude(status__in=[S.SHIPPED, S.CANCELLED])
        .filter(due_date__lt=timezone.localdate())
        .order_by("due_date")[:LIMIT],
        "failures": _failures(),
    }
    return TemplateResponse(request, "admin/c2m/exceptions.html", context)


def _failures() -> list | None:
    """Open ``ProductionException`` rows, or None while that model does not exist."""
    try:
        model = apps.get_model("production", "ProductionException")
    except LookupError:
        return None
    rows = model.objects.all()
    names = {f.name for f in model._meta.fields}
    for field in ("resolved_at", "retried_at"):
        if field in names:
            rows = rows.filter(**{f"{field}__isnull": True})
    return list(rows.order_by("-pk")[:LIMIT])


def _retry_failures(request: HttpRequest, ids: list[int]) -> None:
    try:
        from production.services.exceptions import production_exception_retry
    except ImportError:
        messages.error(request, "Retrying failed tasks is not available yet.")
        return
    actor = actions.admin_actor(request)
    for pk in ids:
        try:
            production_exception_retry(exception_id=pk, actor=actor)
        except ApplicationError as exc:
            messages.error(request, f"#{pk}: {exc.detail}")
        else:
            messages.success(request, f"#{pk}: retried.")
