from django.urls import path

from orders.api import artwork, claims, views

app_name = "api"
urlpatterns = [
    path("orders/", views.OrderListApi.as_view(), name="orders"),
    path("orders/<str:number>/", views.OrderDetailApi.as_view(), name="order"),
    path("orders/<str:number>/claims/", claims.ClaimListApi.as_view(), name="claims"),
    path(
        "orders/<str:number>/claims/<str:claim_number>/",
        claims.ClaimDetailApi.as_view(),
        name="claim",
    ),
    path("artworks/", artwork.ArtworkUploadApi.as_view(), name="artworks"),
    path("artworks/<str:public_id>/", artwork.ArtworkDetailApi.as_view(), name="artwork"),
    path(
        "artworks/<str:public_id>/preflight/",
        artwork.ArtworkPreflightApi.as_view(),
        name="artwork-preflight",
    ),
    path(
        "payments/<slug:provider>/webhook/",
        views.PaymentWebhookApi.as_view(),
        name="payment_webhook",
    ),
]
