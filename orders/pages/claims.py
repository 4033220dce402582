"""Reporting a problem with delivered items, and answering an operator's question, from
the order page. Refusals come back as messages on the order page.

The body is bounded (``artwork_upload_guard``) before anything reads it, so these views
are CSRF-exempt on the outside and check the token on the inside, once the guard is set,
as the artwork upload does.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from c2m.errors import ApplicationError, NotFound
from c2m.request_rates import rate_limited
from orders.models import Claim, ClaimKind, Order
from orders.pages.order import _back, _visible
from orders.pages.refusals import refuses_too_many_attempts
from orders.pages.shopper import customer_id
from orders.selectors.orders import SESSION_KEY, order_visible
from orders.services.claim_services import RETURNS_CENTRE
from orders.services.claims import claim_add_info, claim_file
from orders.uploads import ArtworkSizeLimitHandler, artwork_upload_guard, too_large


def _filed_message(claim: Claim) -> str:
    if claim.kind == ClaimKind.REPAIR:
        text = _("Thank you. Your repair request %(number)s is being reviewed; we emailed you.")
    elif claim.kind == ClaimKind.RETURN:
        text = _("Thank you. Your return request %(number)s is being reviewed; we emailed you.")
    else:
        text = _("Thank you. Your claim %(number)s is being reviewed; we emailed you a copy.")
    return text % {"number": claim.number}


def _actor(request: HttpRequest) -> str:
    return f"customer:{customer_id(request) or 'guest'}"


def _show(request: HttpRequest, error: ApplicationError) -> None:
    fields = [str(m) for messages_ in error.errors.values() for m in messages_]
    messages.error(request, " ".join([error.detail, *[f for f in fields if f != error.detail]]))


def _check_complete(limiter: ArtworkSizeLimitHandler) -> None:
    """A photo dropped half-way for its size is refused, never filed without it."""
    if limiter.exceeded:
        raise too_large(limiter.max_bytes)


def _too_large(request: HttpRequest, number: str, error: ApplicationError) -> HttpResponse:
    """The body was refused unread: find the order from the query's token only."""
    token = request.GET.get("token", "")
    try:
        order: Order = order_visible(
            number=number,
            user_id=customer_id(request),
            session_numbers=request.session.get(SESSION_KEY, []),
            token=token or None,
        )
    except NotFound:
        raise Http404 from None
    _show(request, error)
    return _back(order, token)


@csrf_exempt
@require_POST
@rate_limited("upload")
@refuses_too_many_attempts
def claim_file_view(request: HttpRequest, number: str) -> HttpResponse:
    try:
        limiter = artwork_upload_guard(request)
    except ApplicationError as error:
        return _too_large(request, number, error)
    return _claim_file(request, number, limiter)


@csrf_protect
def _claim_file(
    request: HttpRequest, number: str, limiter: ArtworkSizeLimitHandler
) -> HttpResponse:
    order = _visible(request, number)
    try:
        _check_complete(limiter)
        claim = claim_file(
            order_id=order.pk,
            line_id=request.POST.get("line"),
            reason=request.POST.get("reason"),
            quantity=request.POST.get("quantity"),
            description=request.POST.get("description", ""),
            photos=request.FILES.getlist("photos"),
            actor=_actor(request),
            kind=request.POST.get("kind", ClaimKind.PROBLEM),
        )
    except ApplicationError as error:
        _show(request, error)
    else:
        messages.success(request, _filed_message(claim))
    return _back(order, request.POST.get("token", ""))


@csrf_exempt
@require_POST
@rate_limited("upload")
@refuses_too_many_attempts
def claim_info_view(request: HttpRequest, number: str, claim_number: str) -> HttpResponse:
    try:
        limiter = artwork_upload_guard(request)
    except ApplicationError as error:
        return _too_large(request, number, error)
    return _claim_info(request, number, claim_number, limiter)


@csrf_protect
def _claim_info(
    request: HttpRequest, number: str, claim_number: str, limiter: ArtworkSizeLimitHandler
) -> HttpResponse:
    order = _visible(request, number)
    claim = Claim.objects.filter(order=order, number=claim_number).first()
    if claim is None:
        raise Http404
    try:
        _check_complete(limiter)
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


@refuses_too_many_attempts
def return_label_view(request: HttpRequest, number: str, claim_number: str) -> HttpResponse:
    """The approved return's label, to print and stick on the parcel (404 before)."""
    order = _visible(request, number)
    claim = (
        Claim.objects.filter(order=order, number=claim_number, kind=ClaimKind.RETURN)
        .exclude(return_reference="")
        .select_related("line")
        .first()
    )
    if claim is None:
        raise Http404
    context = {"order": order, "claim": claim, "returns_to": RETURNS_CENTRE}
    response = render(request, "orders/return_label.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
