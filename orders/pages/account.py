from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from c2m.errors import NotFound
from c2m.http import AuthenticatedRequest
from c2m.sign_in_guard import TooManyAttempts, client_ip, sign_up_guard
from orders.forms import ApiTokenForm, SignInForm, SignUpForm
from orders.pages.shopper import CART_SESSION_KEY
from orders.services.api_tokens import customer_token_create, customer_token_revoke
from orders.services.cart import cart_merge


def _sign_in(request: HttpRequest, user) -> None:
    """Sign in and bring the guest cart along."""
    guest_token = request.session.get(CART_SESSION_KEY)
    login(request, user)
    cart_merge(guest_token=guest_token, customer_id=user.pk)
    request.session.pop(CART_SESSION_KEY, None)


class SignInView(LoginView):
    """Sign-in; after repeated failures the form is refused for a while (429)."""

    template_name = "accounts/login.html"
    next_page = "orders:my_orders"
    form_class = SignInForm

    def form_valid(self, form):
        _sign_in(self.request, form.get_user())
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.refusal is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.refusal.retry_after)
        return response


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        try:
            with sign_up_guard(ip=client_ip(request)):
                if form.is_valid():
                    user = form.save()
                    _sign_in(request, user)
                    messages.success(request, _("Welcome! Your account is ready."))
                    return redirect("orders:my_orders")
        except TooManyAttempts as refusal:
            form.add_error(None, refusal.detail)
            response = render(request, "accounts/signup.html", {"form": form}, status=429)
            response["Retry-After"] = str(refusal.retry_after)
            return response
    return render(request, "accounts/signup.html", {"form": form})


@login_required(login_url="accounts:login")
def account(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = customer_token_create(customer=request.user, name=form.cleaned_data["name"])
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    return render(
        request, "accounts/account.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@require_POST
@login_required(login_url="accounts:login")
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        customer_token_revoke(customer=request.user, token_id=token_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The API token is revoked."))
    return redirect("accounts:account")
