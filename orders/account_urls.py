from django.contrib.auth.views import LogoutView, PasswordResetConfirmView
from django.urls import path, reverse_lazy
from django.views.generic import TemplateView

from orders.pages import account

app_name = "accounts"
urlpatterns = [
    path("", account.account, name="account"),
    path("signup/", account.sign_up, name="signup"),
    path("login/", account.SignInView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(next_page="orders:catalog"), name="logout"),
    path("tokens/<int:token_id>/revoke/", account.api_token_revoke, name="token_revoke"),
    # A user made without a password (a new partner plant's staff) sets one from the link
    # in their welcome email (c2m.password_links).
    path(
        "password/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(
            template_name="accounts/password_set.html",
            success_url=reverse_lazy("accounts:password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "password/done/",
        TemplateView.as_view(template_name="accounts/password_set_done.html"),
        name="password_set_done",
    ),
]
