from django.urls import path

from merchants.api import artwork, bulk, catalog, exchange, orders, quotes, webhooks

app_name = "merchant_api"
urlpatterns = [
    path("products/", catalog.ProductListApi.as_view(), name="products"),
    path("products/<str:sku>/", catalog.ProductDetailApi.as_view(), name="product"),
    path("artworks/", artwork.ArtworkUploadApi.as_view(), name="artworks"),
    path("quotes/", quotes.QuoteCreateApi.as_view(), name="quotes"),
    path("quotes/<str:quote_id>/", quotes.QuoteDetailApi.as_view(), name="quote"),
    path("orders/", orders.OrderListCreateApi.as_view(), name="orders"),
    path("orders/<str:order_id>/", orders.OrderDetailApi.as_view(), name="order"),
    path("orders/<str:order_id>/confirm/", orders.OrderConfirmApi.as_view(), name="confirm"),
    path("orders/<str:order_id>/cancel/", orders.OrderCancelApi.as_view(), name="cancel"),
    path("orders/<str:order_id>/simulate/", orders.SandboxAdvanceApi.as_view(), name="simulate"),
    path("bulk-orders/", bulk.BulkOrderListCreateApi.as_view(), name="bulk-orders"),
    path("bulk-orders/<str:upload_id>/", bulk.BulkOrderDetailApi.as_view(), name="bulk-order"),
    path("exchange/offers/", exchange.OfferSearchApi.as_view(), name="exchange-offers"),
    path("exchange/bookings/", exchange.BookingListCreateApi.as_view(), name="exchange-bookings"),
    path(
        "exchange/bookings/<str:number>/",
        exchange.BookingDetailApi.as_view(),
        name="exchange-booking",
    ),
    path(
        "exchange/bookings/<str:number>/cancel/",
        exchange.BookingCancelApi.as_view(),
        name="exchange-booking-cancel",
    ),
    path("webhook/", webhooks.WebhookEndpointApi.as_view(), name="webhook"),
    path("webhook/events/", webhooks.WebhookEventListApi.as_view(), name="webhook-events"),
]
