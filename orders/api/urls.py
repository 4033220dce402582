from django.urls import path

from orders.api import views

app_name = "api"
urlpatterns = [
    path("orders/", views.OrderListApi.as_view(), name="orders"),
    path("orders/<str:number>/", views.OrderDetailApi.as_view(), name="order"),
    path(
        "payments/<slug:provider>/webhook/",
        views.PaymentWebhookApi.as_view(),
        name="payment_webhook",
    ),
]
