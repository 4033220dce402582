from django.contrib.auth.views import LogoutView
from django.urls import path

from orders.pages import account

app_name = "accounts"
urlpatterns = [
    path("", account.account, name="account"),
    path("signup/", account.sign_up, name="signup"),
    path("login/", account.SignInView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(next_page="orders:catalog"), name="logout"),
    path("tokens/<int:token_id>/revoke/", account.api_token_revoke, name="token_revoke"),
]
