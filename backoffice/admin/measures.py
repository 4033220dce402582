"""The measures as JSON for operators: ``/admin/c2m/measures.json?start=…&end=…&factory=…``.

Operators only (anyone else: 404, like every admin page they may not see). A bad period or
factory answers 400 with ``{"code", "detail", "errors"}``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone

from backoffice.admin.dashboard import DashboardForm
from backoffice.selectors.dashboard.measures import measures, previous_period
from backoffice.selectors.dashboard.orders import Period
from c2m.roles import is_operator

UNITS = {
    "repurchase": "share of customers",
    "on_time": "share of orders due",
    "capacity_use": "booked / published minutes",
    "collaboration": "share of orders",
    "carbon": "kg CO2e per order",
    "service_revenue": "share of order revenue",
    "claim_rate": "defective pieces reported per 1000 pieces shipped",
}


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def measures_json(request: HttpRequest) -> JsonResponse:
    if not is_operator(request.user):
        raise Http404
    today = timezone.localdate()
    defaults = {"start": today - timedelta(days=29), "end": today}
    form = DashboardForm({**defaults, **request.GET.dict()})
    if not form.is_valid():
        return JsonResponse(
            {
                "code": "invalid",
                "detail": "The period or factory is not valid.",
                "errors": {k: [str(m) for m in v] for k, v in form.errors.items()},
            },
            status=400,
        )
    period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
    factory = form.cleaned_data["factory"]
    previous = previous_period(period)
    body = {
        "period": {"start": period.start, "end": period.end},
        "previous_period": {"start": previous.start, "end": previous.end},
        "factory": factory.code if factory else None,
        "units": UNITS,
        "definitions": "docs/measures.md",
        "measures": measures(period=period, factory=factory),
    }
    return JsonResponse(body, encoder=_Encoder)
