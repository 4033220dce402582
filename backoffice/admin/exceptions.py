"""The exception list: work that needs an operator, with retry where retrying makes sense.

- Unroutable work orders (no factory could take them): retry routes them again.
- Offers past the factory's offer SLA: retry takes the offer back and routes again.
- Open work orders past their due date: shown, for a phone call rather than a button.
- Broken promises: paid orders whose work no plant can deliver by the promised date
  (``production.services.promises``), with the revised date the customer was told.
- Reprints of approved claims that could not be planned, or that no plant but the one
  at fault can make: retry plans and routes them (``production.services.reprints``).
- Failed planning and routing tasks, when production records them as
  ``ProductionException`` rows (retried through ``production.services.exceptions``).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.admin import actions
from c2m.errors import ApplicationError
from c2m.roles import is_operator
from production.models import (
    ProductionException,
    ProductionExceptionKind,
    WorkOrder,
    WorkOrderStatus,
)
from production.models.work_order_status import FINISHED
from production.selectors.offers import offers_past_sla
from production.services.planning import planning_exception_retry
from production.services.promises import BROKEN
from production.services.reprints import reprint_exception_retry

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
        reprints = [int(i) for i in request.POST.getlist("reprint") if i.isdigit()]
        if reprints:
            _retry_reprints(request, reprints)
        return HttpResponseRedirect(request.path)
    work = WorkOrder.objects.select_related("factory")
    context = {
        **admin.site.each_context(request),
        "title": "Exceptions",
        # Unroutable reprints are listed with their claim's reason, under reprints.
        "unroutable": work.filter(status=S.UNROUTABLE, claim_number="").order_by("due_date")[
            :LIMIT
        ],
        "late_offers": offers_past_sla().select_related("factory").order_by("updated_at")[:LIMIT],
        "overdue": work.exclude(status__in=FINISHED)
        .filter(due_date__lt=timezone.localdate())
        .order_by("due_date")[:LIMIT],
        "failures": _failures(),
        "reprints": _open(ProductionExceptionKind.REPRINT),
        "broken_promises": _broken_promises(),
    }
    return TemplateResponse(request, "admin/c2m/exceptions.html", context)


def _failures() -> list[ProductionException]:
    """Open exceptions (failed planning, routing and SLA work), newest first."""
    return list(
        ProductionException.objects.filter(resolved_at__isnull=True)
        .exclude(code=BROKEN)
        .exclude(kind=ProductionExceptionKind.REPRINT)
        .order_by("-pk")[:LIMIT]
    )


def _open(kind: str) -> list[ProductionException]:
    """Open exceptions of ``kind``, oldest first."""
    return list(
        ProductionException.objects.filter(kind=kind, resolved_at__isnull=True).order_by("pk")[
            :LIMIT
        ]
    )


def _broken_promises() -> list[ProductionException]:
    """Open broken promises, the most overdue promise first."""
    return list(
        ProductionException.objects.filter(
            kind=ProductionExceptionKind.SLA, code=BROKEN, resolved_at__isnull=True
        ).order_by("data__promised_date", "pk")[:LIMIT]
    )


def _retry_failures(request: HttpRequest, ids: list[int]) -> None:
    """Plan each failed order again now, through planning's retry service."""
    actor = actions.admin_actor(request)
    for pk in ids:
        try:
            outcome = planning_exception_retry(exception_id=pk, actor=actor)
        except (ApplicationError, ProductionException.DoesNotExist) as exc:
            messages.error(request, f"#{pk}: {getattr(exc, 'detail', 'no such exception')}")
            continue
        if outcome.failed:
            errors = "; ".join(str(error) for _, error in outcome.failed.values())
            messages.error(request, f"#{pk}: failed again: {errors}")
        else:
            messages.success(request, f"#{pk}: planned {len(outcome.created)} work order(s).")


def _retry_reprints(request: HttpRequest, ids: list[int]) -> None:
    """Plan (if need be) and route each reprint again now, through the reprint service."""
    actor = actions.admin_actor(request)
    for pk in ids:
        try:
            retry = reprint_exception_retry(exception_id=pk, actor=actor)
        except (ApplicationError, ProductionException.DoesNotExist) as exc:
            detail = getattr(exc, "detail", _("no such exception"))
            messages.error(request, _("#%(id)s: %(detail)s") % {"id": pk, "detail": detail})
            continue
        if retry.routed and retry.work_order is not None:
            plant = retry.work_order.factory.code if retry.work_order.factory else ""
            messages.success(
                request,
                _("#%(id)s: reprint %(work_order)s offered to %(plant)s.")
                % {"id": pk, "work_order": retry.work_order.number, "plant": plant},
            )
        else:
            messages.error(
                request,
                _("#%(id)s: still waiting: %(reason)s") % {"id": pk, "reason": retry.error},
            )
