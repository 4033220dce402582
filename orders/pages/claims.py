"""Reporting a problem with delivered items, and answering an operator's question, from
the order page. Refusals come back as messages on the order page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from c2m.errors import ApplicationError
from orders.models import Claim
from orders.pages.order import _back, _visible
from orders.pages.refusals import refuses_too_many_attempts
from orders.pages.shopper import customer_id
from orders.services.claims import claim_add_info, claim_file
from orders.uploads import artwork_upload_guard


def _actor(request: HttpRequest) -> str:
    return f"customer:{customer_id(request) or 'guest'}"


def _show(request: HttpRequest, error: ApplicationError) -> None:
    fields = [str(m) for messages_ in error.errors.values() for m in messages_]
    messages.error(request, " ".join([error.detail, *[f for f in fields if f != error.detail]]))


@require_POST
@refuses_too_many_attempts
def claim_file_view(request: HttpRequest, number: str) -> HttpResponse:
    try:
        artwork_upload_guard(request)
    except ApplicationError as error:
        order = _visible(request, number)
        _show(request, error)
        return _back(order, request.GET.get("token", ""))
    order = _visible(request, number)
    token = request.POST.get("token", "")
    try:
        claim = claim_file(
            order_id=order.pk,
            line_id=request.POST.get("line"),
            reason=request.POST.get("reason"),
            quantity=request.POST.get("quantity"),
            description=request.POST.get("description", ""),
            photos=request.FILES.getlist("photos"),
            actor=_actor(request),
        )
    except ApplicationError as error:
        _show(request, error)
    else:
        messages.success(
            request,
            _("Thank you. Your claim %(number)s is being reviewed; we emailed you a copy.")
            % {"number": claim.number},
        )
    return _back(order, token)


@require_POST
@refuses_too_many_attempts
def claim_info_view(request: HttpRequest, number: str, claim_number: str) -> HttpResponse:
    try:
        artwork_upload_guard(request)
    except ApplicationError as error:
        order = _visible(request, number)
        _show(request, error)
        return _back(order, request.GET.get("token", ""))
    order = _visible(request, number)
    claim = Claim.objects.filter(order=order, number=claim_number).first()
    if claim is None:
        messages.error(request, _("No such claim."))
        return _back(order, request.POST.get("token", ""))
    try:
        claim_add_info(
            claim_id=claim.pk,
            message=request.POST.get("message", ""),
            photos=request.FILES.getlist("photos"),
            actor=_actor(request),
        )
    except ApplicationError as error:
        _show(request, error)
    else:
        messages.success(request, _("Thank you, we added it to your claim."))
    return _back(order, request.POST.get("token", ""))
