from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from c2m.errors import ApplicationError, NotFound
from c2m.http import AuthenticatedRequest
from c2m.sign_in_guard import client_ip, order_lookup_guard
from orders.models import ClaimKind, ClaimReason, Order, OrderEventCode, PaymentStatus
from orders.models.claim_status import KIND_REASONS
from orders.pages.refusals import refuses_too_many_attempts
from orders.pages.shopper import current_cart_or_create, customer_id
from orders.selectors.claim_photo_links import claim_photo_links
from orders.selectors.claim_windows import after_sales_state
from orders.selectors.claims import claim_form_state, claim_timeline, claims_of_order
from orders.selectors.footprint import order_footprint
from orders.selectors.order_progress import order_progress
from orders.selectors.orders import SESSION_KEY, order_visible, orders_of_customer
from orders.selectors.timeline import order_timeline
from orders.services.lifecycle import order_cancel, order_reorder
from orders.services.shipping import SHIPPING_METHODS


def _visible(request: HttpRequest, number: str) -> Order:
    """The order, or 404; ``TooManyAttempts`` after too many failed lookups."""
    try:
        with order_lookup_guard(ip=client_ip(request), failure=NotFound):
            return order_visible(
                number=number,
                user_id=customer_id(request),
                session_numbers=request.session.get(SESSION_KEY, []),
                token=request.POST.get("token") or request.GET.get("token"),
            )
    except NotFound:
        raise Http404 from None


@refuses_too_many_attempts
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = _visible(request, number)
    accepted = next(
        (e for e in order_timeline(order=order) if e.code == OrderEventCode.ACCEPTED), None
    )
    claims = list(claims_of_order(order=order))
    claim_until, claimable = claim_form_state(order=order, claims=claims)
    context = {
        "order": order,
        "claims": [
            (
                claim,
                claim_timeline(claim=claim),
                claim_photo_links(claim.photos.all(), viewer_id=customer_id(request)),
            )
            for claim in claims
        ],
        "claim_until": claim_until,
        "claimable": claimable,
        "claim_reasons": _reasons(ClaimKind.PROBLEM),
        "repair_reasons": _reasons(ClaimKind.REPAIR),
        "return_reasons": _reasons(ClaimKind.RETURN),
        "after_sales": after_sales_state(order=order, claims=claims, now=timezone.now()),
        "claim_max_photos": settings.CLAIM_MAX_PHOTOS,
        "progress": order_progress(order=order),
        "accepted": accepted,
        "token": request.GET.get("token", ""),
        "payment": order.payments.last(),
        "shipping_label": _shipping_label(order.shipping_method),
        "footprint": order_footprint(order=order),
    }
    return render(request, "orders/order.html", context)


def _reasons(kind: str) -> list[tuple[str, str]]:
    return [(value, str(ClaimReason(value).label)) for value in KIND_REASONS[kind]]


def _shipping_label(code: str) -> str:
    method = SHIPPING_METHODS.get(code)
    return str(method.label) if method else ""


def _back(order: Order, token: str) -> HttpResponse:
    url = order.get_absolute_url()
    return redirect(f"{url}?{urlencode({'token': token})}" if token else url)


@require_http_methods(["GET", "POST"])
@refuses_too_many_attempts
def order_cancel_view(request: HttpRequest, number: str) -> HttpResponse:
    """GET asks the shopper to confirm; POST cancels (and refunds what was paid)."""
    order = _visible(request, number)
    if request.method == "GET":
        if not order.can_cancel():
            return _back(order, request.GET.get("token", ""))
        context = {"order": order, "token": request.GET.get("token", "")}
        return render(request, "orders/order_cancel.html", context)
    # The one reason a customer may give: the promised date broke (the button says so).
    reason = "promise_broken" if request.POST.get("reason") == "promise_broken" else ""
    try:
        order = order_cancel(
            order_id=order.pk, actor=f"customer:{customer_id(request) or 'guest'}", reason=reason
        )
    except ApplicationError as error:
        messages.error(request, error.detail)
    else:
        refunded = order.payments.filter(status=PaymentStatus.REFUNDED).exists()
        messages.success(
            request,
            _("Your order is cancelled and the full amount refunded.")
            if refunded
            else _("Your order is cancelled."),
        )
    return _back(order, request.POST.get("token", ""))


@require_POST
@refuses_too_many_attempts
def order_again(request: HttpRequest, number: str) -> HttpResponse:
    order = _visible(request, number)
    added, problems = order_reorder(order=order, cart=current_cart_or_create(request))
    for problem in problems:
        messages.warning(request, problem)
    if added:
        messages.success(request, _("The items are in your cart, priced today."))
    return redirect("orders:cart")


@login_required(login_url="accounts:login")
def my_orders(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(orders_of_customer(user_id=request.user.pk), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "orders/my_orders.html", {"page": page})
